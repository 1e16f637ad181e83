import { displayText } from '../src/text/bytes.js';
import { placeholderFor } from '../src/lint/placeholders.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

export const unitCommandFhs = defineRule({
  meta: {
    id: 'unit-command-fhs',
    description: 'A unit command runs a program from /usr, /bin or /sbin, or by bare name',
    formats: ['unit'],
    severity: 'error',
    docs: docsPage('unit-command-fhs'),
    messages: {
      fhs: '{{key}} runs {{program}}, which a hermetic-/usr system does not have',
      bare: "{{key}} runs '{{program}}' by name; systemd looks it up in /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin",
      template: '{{key}} hard-codes {{program}} in a template: write {{placeholder}} and let configure fill in the prefix',
    },
    fixable: 'unit',
  },
  create(context) {
    const { file } = context;
    for (const { node, command } of file.commands) {
      if (command.prefixes.viaShell || command.path.includes('%')) continue;
      const program = displayText(command.path);
      const where = context.run.executable(program);
      if (where.kind !== 'fhs' && where.kind !== 'bare') continue;
      const at = node.valueMap.sourceOffset(command.first.start);
      if (file.template) {
        const placeholder = where.kind === 'fhs' ? placeholderFor(program) : `@bindir@/${program}`;
        context.report({ at, messageId: 'template', data: { key: node.key, program, placeholder: placeholder ?? '@prefix@' } });
        continue;
      }
      const fix = context.resolver.resolveExecutable(program).kind === 'resolved';
      context.report({ at, messageId: where.kind, data: { key: node.key, program }, fix });
    }
  },
});
