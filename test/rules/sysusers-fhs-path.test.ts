import { sysusersFhsPath } from '../../rules/sysusers-fhs-path.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { EXEC } from '../helpers/tree.js';

ruleTester(sysusersFhsPath, {
  valid: [{ name: 'no shell, homes outside /usr', code: 'u ok - - /var/lib/ok -\n' }],
  invalid: [
    {
      name: 'shells under /usr or /bin (fixable when found) and homes under /usr',
      files: { 'bin/nologin': EXEC },
      code: 'u foo - - /usr/share/foo /usr/sbin/nologin\nu bar - - /var/lib/bar /bin/zsh\nu ok - - /var/lib/ok -\n',
      errors: [
        { messageId: 'unresolved', line: 1, column: 11, fixable: false },
        { messageId: 'shell', line: 1, column: 26, fixable: true },
        { messageId: 'unresolved', line: 2, column: 24, fixable: false },
      ],
      output: 'u foo - - /usr/share/foo $out/bin/nologin\nu bar - - /var/lib/bar /bin/zsh\nu ok - - /var/lib/ok -\n',
    },
  ],
});
