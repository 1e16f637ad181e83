import { displayText } from '../src/text/bytes.js';
import { valuePosition } from '../src/lint/positions.js';
import { unitCommands } from '../src/lint/unit-walk.js';
import type { Rule } from '../src/lint/types.js';

/** /nix/store/<hash>-<name>: the store object a path belongs to. */
function storeObject(file: string, storeDir: string): string | undefined {
  if (!file.startsWith(`${storeDir}/`)) return undefined;
  const name = file.slice(storeDir.length + 1).split('/', 1)[0];
  return name ? `${storeDir}/${name}` : undefined;
}

export const unitCommandMissing: Rule = {
  id: 'unit-command-missing',
  description: 'A unit command names a store path that does not exist (in the linted closure)',
  severity: 'error',
  fixable: false,
  appliesTo: ['unit'],
  checkFile(file, context) {
    for (const { node, command } of unitCommands(file.unit!, file.path)) {
      const program = displayText(command.path);
      const object = storeObject(program, context.storeDir);
      if (!object || program.includes('%')) continue;
      const position = valuePosition(file.unit!, node, command.first.start);
      if (context.closure.size > 0 && !context.closure.has(object)) {
        context.report({ ...position, message: `${node.key} runs ${program}, but ${object} is not in the linted closure` });
      } else if (!context.resolver.exists(program)) {
        context.report({ ...position, message: `${node.key} runs ${program}, which does not exist` });
      }
    }
  },
};
