import { tmpfilesCreatesInUsr } from '../../rules/tmpfiles-creates-in-usr.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(tmpfilesCreatesInUsr, {
  valid: [{ name: 'ignoring or removing under /usr, creating elsewhere', code: 'x /usr/tmp/*\nd /var/lib/foo\n' }],
  invalid: [
    {
      name: 'creating under /usr',
      code: 'd /usr/lib/foo 0755\nf /usr/share/x\nx /usr/tmp/*\nd /var/lib/foo\n',
      errors: [
        { messageId: 'createsInUsr', line: 1, column: 3 },
        { messageId: 'createsInUsr', line: 2, column: 3 },
      ],
      output: null,
    },
  ],
});
