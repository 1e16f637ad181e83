import { unitCommandInEtc } from '../../rules/unit-command-in-etc.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(unitCommandInEtc, {
  valid: [{ name: 'arguments and settings under /etc are not commands', code: '[Service]\nExecReload=/nix/store/abc-foo/bin/foo --config /etc/foo.conf\nEnvironmentFile=/etc/default/foo\n' }],
  invalid: [
    {
      name: 'commands under /etc',
      code: '[Service]\nExecStart=/etc/cron.daily/exim4-base\nExecStop=-/etc/init.d/foo stop\nExecReload=/nix/store/abc-foo/bin/foo --config /etc/foo.conf\nEnvironmentFile=/etc/default/foo\n',
      errors: [
        { messageId: 'inEtc', line: 2, column: 11 },
        { messageId: 'inEtc', line: 3, column: 10 },
      ],
      output: null,
    },
  ],
});
