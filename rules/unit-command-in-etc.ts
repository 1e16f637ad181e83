import { displayText } from '../src/text/bytes.js';
import { valuePosition } from '../src/lint/positions.js';
import { unitCommands } from '../src/lint/unit-walk.js';
import type { Rule } from '../src/lint/types.js';

export const unitCommandInEtc: Rule = {
  id: 'unit-command-in-etc',
  description: 'A unit command runs a program under /etc, which a pre-built /etc does not have',
  severity: 'error',
  fixable: false,
  appliesTo: ['unit'],
  checkFile(file, context) {
    for (const { node, command } of unitCommands(file.unit!, file.path)) {
      const program = displayText(command.path);
      if (!program.startsWith('/etc/')) continue;
      context.report({
        ...valuePosition(file.unit!, node, command.first.start),
        message: `${node.key} runs ${program}, but the /etc of a hermetic-/usr image holds no package files: install the program in the package and run it from there`,
      });
    }
  },
};
