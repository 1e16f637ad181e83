import { displayText } from '../src/text/bytes.js';
import { classifyExecutable } from '../src/resolve/fhs-path.js';
import { valuePosition } from '../src/lint/positions.js';
import { unitCommands } from '../src/lint/unit-walk.js';
import { isTemplate, placeholderFor } from '../src/lint/placeholders.js';
import type { Rule } from '../src/lint/types.js';

export const unitCommandFhs: Rule = {
  id: 'unit-command-fhs',
  description: 'A unit command runs a program from /usr, /bin or /sbin, or by bare name',
  severity: 'error',
  fixable: true,
  appliesTo: ['unit'],
  checkFile(file, context) {
    for (const { node, command } of unitCommands(file.unit!, file.path)) {
      if (command.prefixes.viaShell || command.path.includes('%')) continue;
      const program = displayText(command.path);
      const where = classifyExecutable(program, context.storeDir);
      if (where.kind !== 'fhs' && where.kind !== 'bare') continue;
      if (isTemplate(file.path)) {
        const placeholder = where.kind === 'fhs' ? placeholderFor(program) : `@bindir@/${program}`;
        context.report({ ...valuePosition(file.unit!, node, command.first.start), message: `${node.key} hard-codes ${program} in a template: write ${placeholder} and let configure fill in the prefix` });
        continue;
      }
      const fixable = context.resolver.resolveExecutable(program).kind === 'resolved';
      const message =
        where.kind === 'bare'
          ? `${node.key} runs '${program}' by name; systemd looks it up in /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin`
          : `${node.key} runs ${program}, which a hermetic-/usr system does not have`;
      const { line, column } = valuePosition(file.unit!, node, command.first.start);
      context.report({ line, column, message, fixable });
    }
  },
};
