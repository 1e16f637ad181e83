import { displayText } from '../src/text/bytes.js';
import { fhsFileRelative } from '../src/resolve/fhs-path.js';
import { defineRule, docsPage } from '../src/lint/rule.js';
import { CREATING_TYPES } from '../src/formats/tmpfiles/line-types.js';

export const tmpfilesCreatesInUsr = defineRule({
  meta: {
    id: 'tmpfiles-creates-in-usr',
    description: 'A tmpfiles.d line creates or writes a path under /usr',
    formats: ['tmpfiles'],
    severity: 'error',
    docs: docsPage('tmpfiles-creates-in-usr'),
    messages: { createsInUsr: "'{{letter}}' creates {{target}}: there is no /usr to create it in on a hermetic-/usr system" },
    fixable: false,
  },
  create(context) {
    for (const entry of context.file.model.entries) {
      const target = displayText(entry.path.value ?? '');
      if (!CREATING_TYPES.has(entry.letter) || fhsFileRelative(target) === undefined) continue;
      context.report({ span: entry.path.word, messageId: 'createsInUsr', data: { letter: entry.letter, target } });
    }
  },
});
