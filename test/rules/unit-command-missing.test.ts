import { unitCommandMissing } from '../../rules/unit-command-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(unitCommandMissing, {
  valid: [
    { name: 'FHS commands are not store paths (unit-command-fhs says what is wrong there)', code: '[Service]\nExecStart=/bin/true\nExecStop=kill\n' },
    { name: 'a store path with a specifier is filled in at run time', code: '[Service]\nExecStart=/nix/store/00000000000000000000000000000000-gone/bin/%N\n' },
  ],
  invalid: [
    {
      name: 'a store path that does not exist',
      code: '[Service]\nExecStart=/nix/store/00000000000000000000000000000000-gone/bin/x\nExecStop=/bin/true\n',
      errors: [{ messageId: 'missing', line: 2, column: 11 }],
      output: null,
    },
    {
      name: 'a store path outside the linted closure',
      code: '[Service]\nExecStart=/nix/store/00000000000000000000000000000000-other/bin/x\n',
      closure: ['/nix/store/11111111111111111111111111111111-mine'],
      errors: [{ messageId: 'outsideClosure', line: 2, column: 11 }],
      output: null,
    },
  ],
});
