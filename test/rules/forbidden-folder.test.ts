import { forbiddenFolder } from '../../rules/forbidden-folder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(forbiddenFolder, {
  valid: [{ name: 'lib/systemd folders with units', files: { 'lib/systemd/system/ok.service': '[Unit]\n' } }],
  invalid: [
    {
      name: 'lib/credstore, lib/kernel, lib/rpm and empty lib/systemd folders',
      files: { 'lib/credstore/x': 'x', 'lib/rpm/macros': 'x', 'lib/systemd/system/ok.service': '[Unit]\n' },
      folders: ['lib/systemd/user', 'lib/kernel'],
      errors: [
        { messageId: 'forbidden', file: 'lib/credstore', line: 1, column: 1 },
        { messageId: 'forbidden', file: 'lib/kernel', line: 1, column: 1 },
        { messageId: 'forbidden', file: 'lib/rpm', line: 1, column: 1 },
        { messageId: 'empty', file: 'lib/systemd/user', line: 1, column: 1 },
      ],
      output: null,
    },
  ],
});
