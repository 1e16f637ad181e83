import path from 'node:path';
import { displayText } from '../src/text/bytes.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

export const tmpfilesImplicitSource = defineRule({
  meta: {
    id: 'tmpfiles-implicit-source',
    description: "A 'C' or 'L' line without an argument, which copies or links from /usr/share/factory",
    formats: ['tmpfiles'],
    severity: 'warning',
    docs: docsPage('tmpfiles-implicit-source'),
    messages: {
      found: "'{{letter}}' without an argument {{does}} from {{source}}",
      missing: "'{{letter}}' without an argument {{does}} from {{source}}, which no output or dependency ships",
    },
    fixable: 'tmpfiles',
  },
  create(context) {
    for (const entry of context.file.model.entries) {
      if ((entry.letter !== 'C' && entry.letter !== 'L') || entry.argument || entry.modifiers.includes('^')) continue;
      const source = path.posix.join('/usr/share/factory', displayText(entry.path.value ?? ''));
      const found = context.resolver.resolveFile(source).kind === 'resolved';
      const data = { letter: entry.letter, does: entry.letter === 'C' ? 'copies' : 'links', source };
      context.report({ span: entry.action.word, messageId: found ? 'found' : 'missing', data, fix: found });
    }
  },
});
