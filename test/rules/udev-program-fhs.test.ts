import { udevProgramFhs } from '../../rules/udev-program-fhs.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { EXEC } from '../helpers/tree.js';

const FILE = 'lib/udev/rules.d/97-food.rules';

ruleTester(udevProgramFhs, {
  valid: [
    { name: 'a store path', filename: FILE, code: 'ACTION=="add", SUBSYSTEM=="usb", RUN+="/nix/store/abc-food/sbin/food --device=%p"\n' },
    { name: "a helper in udev's own folder the package does not ship (systemd's)", filename: FILE, code: 'ACTION=="add", IMPORT{program}="ata_id --export $devnode"\n' },
  ],
  invalid: [
    {
      name: "a program under /usr, and a helper by name that the package ships in lib/udev",
      filename: FILE,
      files: { 'sbin/food': EXEC, 'lib/udev/food-switch': EXEC },
      code: 'ACTION=="add", SUBSYSTEM=="usb", RUN+="/usr/sbin/food --device=%p"\nACTION=="add", SUBSYSTEM=="hid", RUN+="food-switch $devnode"\n',
      errors: [
        { messageId: 'fhs', line: 1, column: 40, fixable: true },
        { messageId: 'libraryFolder', line: 2, column: 40, fixable: true },
      ],
      output: 'ACTION=="add", SUBSYSTEM=="usb", RUN+="$out/sbin/food --device=%p"\nACTION=="add", SUBSYSTEM=="hid", RUN+="$out/lib/udev/food-switch $devnode"\n',
    },
  ],
});
