import { displayText } from '../src/text/bytes.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

/** /nix/store/<hash>-<name>: the store object a path belongs to. */
function storeObject(file: string, storeDir: string): string | undefined {
  if (!file.startsWith(`${storeDir}/`)) return undefined;
  const name = file.slice(storeDir.length + 1).split('/', 1)[0];
  return name ? `${storeDir}/${name}` : undefined;
}

export const unitCommandMissing = defineRule({
  meta: {
    id: 'unit-command-missing',
    description: 'A unit command names a store path that does not exist (in the linted closure)',
    formats: ['unit'],
    severity: 'error',
    docs: docsPage('unit-command-missing'),
    messages: {
      outsideClosure: '{{key}} runs {{program}}, but {{object}} is not in the linted closure',
      missing: '{{key}} runs {{program}}, which does not exist',
    },
    fixable: false,
  },
  create(context) {
    for (const { node, command } of context.file.commands) {
      const program = displayText(command.path);
      const object = storeObject(program, context.storeDir);
      if (!object || program.includes('%')) continue;
      const at = node.valueMap.sourceOffset(command.first.start);
      if (context.closure.size > 0 && !context.closure.has(object)) context.report({ at, messageId: 'outsideClosure', data: { key: node.key, program, object } });
      else if (!context.resolver.exists(program)) context.report({ at, messageId: 'missing', data: { key: node.key, program } });
    }
  },
});
