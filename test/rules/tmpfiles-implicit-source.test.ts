import { tmpfilesImplicitSource } from '../../rules/tmpfiles-implicit-source.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(tmpfilesImplicitSource, {
  valid: [{ name: 'C with an argument', code: 'C /etc/x - - - - /run/src\n' }],
  invalid: [
    {
      name: 'C and L without argument',
      files: { 'share/factory/etc/issue': 'x' },
      code: 'C /etc/issue\nL /etc/motd\nC /etc/x - - - - /run/src\n',
      errors: [
        { messageId: 'found', line: 1, column: 1, fixable: true },
        { messageId: 'missing', line: 2, column: 1, fixable: false },
      ],
      output: 'C /etc/issue - - - - $out/share/factory/etc/issue\nL /etc/motd\nC /etc/x - - - - /run/src\n',
    },
  ],
});
