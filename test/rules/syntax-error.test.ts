import { syntaxError } from '../../rules/syntax-error.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(syntaxError, {
  valid: [
    { name: 'a unit systemd reads', code: '[Service]\nExecStart=/bin/x\n' },
    { name: 'a tmpfiles.d line systemd-tmpfiles reads', filename: 'lib/tmpfiles.d/x.conf', code: 'd /run/x\n' },
  ],
  invalid: [
    { name: 'a section header without its bracket', code: '[Service\nExecStart=/bin/x\n', errors: [{ messageId: 'unit', line: 1, column: 1 }], output: null },
    { name: 'a relative tmpfiles.d path', filename: 'lib/tmpfiles.d/x.conf', code: 'd relative\n', errors: [{ messageId: 'tmpfiles', line: 1, column: 1 }], output: null },
  ],
});
