import { confSuffixMissing } from '../../rules/conf-suffix-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(confSuffixMissing, {
  valid: [{ name: '.conf files, and folders that only look alike', files: { 'lib/tmpfiles.d/ok.conf': 'd /run/ok 0755 root root -\n', 'share/doc/x/tmpfiles.d/README': 'x', 'lib/tmpfiles.d.old/x': 'x' } }],
  invalid: [
    {
      name: 'files without .conf directly in tmpfiles.d and sysusers.d folders',
      files: { 'lib/tmpfiles.d/nut-common.tmpfiles': 'd /run/nut 0750 nut nut -\n', 'lib/tmpfiles.d/ok.conf': 'd /run/ok 0755 root root -\n', 'lib/sysusers.d/nut': 'u nut -\n' },
      errors: [
        { messageId: 'ignored', file: 'lib/sysusers.d/nut', line: 1, column: 1 },
        { messageId: 'ignored', file: 'lib/tmpfiles.d/nut-common.tmpfiles', line: 1, column: 1 },
      ],
      output: null,
    },
  ],
});
