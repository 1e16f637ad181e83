import { unitCommandFhs } from '../../rules/unit-command-fhs.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { EXEC } from '../helpers/tree.js';

ruleTester(unitCommandFhs, {
  valid: [
    {
      name: 'store paths, other absolute paths, specifiers, shell commands and other sections',
      code: '[Service]\nExecStart=/nix/store/abc-foo/bin/foo\nExecStop=/etc/init.d/foo stop\nExecReload=/usr/lib/%N/x\nExecStartPre=|echo /usr/bin/x\nEnvironmentFile=/usr/bin/x\n[Install]\nExecStart=/usr/bin/x\n',
    },
    { name: 'units under share/doc, include or bin are examples, not linted', filename: 'share/doc/foo/examples/systemd/system/example.service', code: '[Service]\nExecStart=/usr/bin/foo\n' },
    { name: 'a header folder is not read either', filename: 'include/foo/systemd/system/header.service', code: '[Service]\nExecStart=/usr/bin/foo\n', deep: true },
  ],
  invalid: [
    {
      name: '/usr, /bin, /sbin and bare commands, fixable when the output has them',
      files: { 'bin/foo': EXEC },
      code: '[Service]\nExecStart=/usr/bin/foo\nExecStop=-/bin/kill $MAINPID\nExecReload=foo\nExecStartPost=/sbin/x\n',
      errors: [
        { messageId: 'fhs', line: 2, column: 11, fixable: true },
        { messageId: 'fhs', line: 3, column: 10, fixable: false },
        { messageId: 'bare', line: 4, column: 12, fixable: true },
        { messageId: 'fhs', line: 5, column: 15, fixable: false },
      ],
      output: '[Service]\nExecStart=$out/bin/foo\nExecStop=-/bin/kill $MAINPID\nExecReload=$out/bin/foo\nExecStartPost=/sbin/x\n',
    },
    {
      name: 'a misplaced unit (not where systemd reads units) is still linted',
      filename: 'share/foo/systemd/system/misplaced.service',
      code: '[Service]\nExecStart=/usr/bin/foo\n',
      deep: true,
      errors: [{ messageId: 'fhs', line: 2, column: 11, fixable: false }],
      output: null,
    },
    {
      name: 'a template is told to use configure placeholders, not fixed',
      filename: 'lib/systemd/system/foo.service.in',
      alone: true,
      files: { 'bin/foo': EXEC },
      code: '[Service]\nExecStart=/usr/bin/foo\nExecStop=kill\n',
      errors: [
        { messageId: 'template', line: 2, column: 11, fixable: false },
        { messageId: 'template', line: 3, column: 10, fixable: false },
      ],
      output: null,
    },
  ],
});
