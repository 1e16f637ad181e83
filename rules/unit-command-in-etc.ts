import { displayText } from '../src/text/bytes.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

export const unitCommandInEtc = defineRule({
  meta: {
    id: 'unit-command-in-etc',
    description: 'A unit command runs a program under /etc, which a pre-built /etc does not have',
    formats: ['unit'],
    severity: 'error',
    docs: docsPage('unit-command-in-etc'),
    messages: { inEtc: '{{key}} runs {{program}}, but the /etc of a hermetic-/usr image holds no package files: install the program in the package and run it from there' },
    fixable: false,
  },
  create(context) {
    for (const { node, command } of context.file.commands) {
      const program = displayText(command.path);
      if (program.startsWith('/etc/')) context.report({ at: node.valueMap.sourceOffset(command.first.start), messageId: 'inEtc', data: { key: node.key, program } });
    }
  },
});
