import { dbusExecFhs } from '../../rules/dbus-exec-fhs.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { EXEC } from '../helpers/tree.js';

const FILE = 'share/dbus-1/services/org.example.Food.service';

ruleTester(dbusExecFhs, {
  valid: [
    { name: 'a store path', filename: FILE, code: '[D-BUS Service]\nName=org.example.Food\nExec=/nix/store/abc-food/libexec/food-daemon --session\n' },
    { name: 'SystemdService= alone starts nothing itself', filename: FILE, code: '[D-BUS Service]\nName=org.example.Food\nSystemdService=food.service\n' },
  ],
  invalid: [
    {
      name: 'a program under /usr (found in the output: fixable) and one found nowhere',
      filename: FILE,
      files: { 'libexec/food-daemon': EXEC },
      code: '[D-BUS Service]\nName=org.example.Food\nExec=/usr/libexec/food-daemon --session\n',
      errors: [{ messageId: 'runs', line: 3, column: 6, fixable: true }],
      output: '[D-BUS Service]\nName=org.example.Food\nExec=$out/libexec/food-daemon --session\n',
    },
    {
      name: 'a program found nowhere is reported, not fixed',
      filename: FILE,
      code: '[D-BUS Service]\nName=org.example.Food\nExec=/usr/libexec/food-daemon --session\n',
      errors: [{ messageId: 'unresolved', line: 3, column: 6, fixable: false }],
      output: null,
    },
  ],
});
