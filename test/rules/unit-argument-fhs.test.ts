import { unitArgumentFhs } from '../../rules/unit-argument-fhs.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { EXEC } from '../helpers/tree.js';

ruleTester(unitArgumentFhs, {
  valid: [
    { name: 'arguments under /etc, /var or the store', code: '[Service]\nExecStart=/nix/store/abc-foo/bin/foo -c /etc/foo.conf --state /var/lib/foo\n' },
    { name: 'a template: configure fills in the paths', filename: 'lib/systemd/system/foo.service.in', alone: true, code: '[Service]\nExecStart=@bindir@/foo --config /usr/share/foo/foo.conf\n' },
  ],
  invalid: [
    {
      name: 'FHS paths in arguments and sh -c scripts; fixable where fix rewrites them',
      files: { 'bin/foo': EXEC, 'share/foo/foo.conf': 'x' },
      code: "[Service]\nExecStart=/usr/bin/foo --config /usr/share/foo/foo.conf -f /etc/foo.conf /usr/share/foo/missing\nExecStop=/bin/sh -c '/usr/bin/foo stop; echo done'\nExecReload=/bin/sh -c '/usr/bin/foo \"$x\"/usr/lib/a'\nExecStartPre=|/usr/bin/foo /usr/share/foo/foo.conf\n",
      errors: [
        { messageId: 'argument', line: 2, column: 33, fixable: true },
        { messageId: 'unresolved', line: 2, column: 74, fixable: false },
        { messageId: 'shell', line: 3, column: 22, fixable: true },
        { messageId: 'shell', line: 4, column: 24, fixable: true },
        { messageId: 'unresolved', line: 4, column: 37, fixable: false },
      ],
      output:
        "[Service]\nExecStart=$out/bin/foo --config $out/share/foo/foo.conf -f /etc/foo.conf /usr/share/foo/missing\nExecStop=/bin/sh -c '$out/bin/foo stop; echo done'\nExecReload=/bin/sh -c '$out/bin/foo \"$x\"/usr/lib/a'\nExecStartPre=|/usr/bin/foo /usr/share/foo/foo.conf\n",
    },
  ],
});
