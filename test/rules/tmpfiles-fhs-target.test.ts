import { tmpfilesFhsTarget } from '../../rules/tmpfiles-fhs-target.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(tmpfilesFhsTarget, {
  valid: [
    { name: 'targets outside /usr', code: 'L /run/ok - - - - /run/elsewhere\n' },
    { name: 'tmpfiles.d under bin is no tmpfiles.d', filename: 'bin/tmpfiles.d/odd.conf', code: 'L /etc/x - - - - /usr/share/x\n' },
  ],
  invalid: [
    {
      name: 'links and copies into /usr (also relative)',
      files: { 'lib/os-release': 'x' },
      code: 'L /etc/os-release - - - - ../usr/lib/os-release\nL /etc/x - - - - /usr/lib/missing\nL /run/ok - - - - /run/elsewhere\n',
      errors: [
        { messageId: 'target', line: 1, column: 27, fixable: true },
        { messageId: 'unresolved', line: 2, column: 18, fixable: false },
      ],
      output: 'L /etc/os-release - - - - $out/lib/os-release\nL /etc/x - - - - /usr/lib/missing\nL /run/ok - - - - /run/elsewhere\n',
    },
  ],
});
