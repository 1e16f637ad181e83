import { didYouMean, unitUnknownKey } from '../../rules/unit-unknown-key.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(unitUnknownKey, {
  valid: [
    { name: 'settings newer than the installed systemd (ExecReloadPost, v259)', code: '[Service]\nExecReloadPost=/bin/x\n' },
    { name: 'X- sections and settings are the vendor\'s', code: '[Service]\nX-Mine=1\n[X-Custom]\nAnything=1\n' },
  ],
  invalid: [
    {
      name: "unknown settings and sections, with a 'did you mean'",
      code: '[Unit]\nDescripton=x\n[Service]\nExecStart=/bin/x\nExecStartt=/bin/y\nX-Mine=1\nFrobnicate=1\n[Socket]\nListenStream=1\n[Instal]\nWantedBy=x\n[X-Custom]\nAnything=1\n',
      errors: [
        { messageId: 'keyHint', line: 2, column: 1 },
        { messageId: 'keyHint', line: 5, column: 1 },
        { messageId: 'key', line: 7, column: 1 },
        { messageId: 'section', line: 8, column: 2 },
        { messageId: 'sectionHint', line: 10, column: 2 },
      ],
      output: null,
    },
  ],
});

test("a 100 KB key gets no 'did you mean' (and no quadratic comparison with every known name); a long typo still does", () => {
  const huge = 'ExecStartX'.repeat(10_000);
  expect(didYouMean(huge, ['ExecStart', 'ExecStartPre'])).toBeUndefined();
  expect(didYouMean('RestrictAddressFamiliess', ['RestrictAddressFamilies', 'RestrictNamespaces'])).toBe('RestrictAddressFamilies');
  expect(didYouMean('execstart', ['ExecStart'])).toBe('ExecStart');
});
