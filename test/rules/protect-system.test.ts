import { protectSystem } from '../../rules/protect-system.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(protectSystem, {
  valid: [
    { name: 'no', code: '[Service]\nProtectSystem=no\n' },
    { name: 'strict covers /nix/store', code: '[Service]\nProtectSystem=strict\n' },
  ],
  invalid: [
    { name: 'yes', code: '[Service]\nProtectSystem=yes\n', errors: [{ messageId: 'notStore', line: 2, column: 15 }], output: null },
    { name: 'full', code: '[Service]\nProtectSystem=full\n', errors: [{ messageId: 'notStore', line: 2, column: 15 }], output: null },
  ],
});
