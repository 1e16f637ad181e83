import { TYPE_SECTION } from '../src/formats/unit/unit-type.js';
import { SYSTEMD_DIRECTIVES } from '../src/formats/unit/systemd-directives.js';
import { locate } from '../src/text/line-index.js';
import { defineRule, docsPage } from '../src/lint/rule.js';
import { closest } from '../src/text/nearest-word.js';

/** systemd's own lists of settings: SYSTEMD_DIRECTIVES.sources says which systemd versions. */
const KNOWN = new Map(Object.entries(SYSTEMD_DIRECTIVES.sections).map(([s, keys]) => [s, new Set(keys)]));

/** The closest known name, when close enough to be a typo (case aside). */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  return closest(name, candidates, { limit: Math.max(2, Math.floor(name.length / 4)), ignoreCase: true });
}

export const unitUnknownKey = defineRule({
  meta: {
    id: 'unit-unknown-key',
    description: "A section or setting systemd does not know for this unit type (with a 'did you mean')",
    formats: ['unit'],
    severity: 'warning',
    docs: docsPage('unit-unknown-key'),
    messages: {
      section: 'systemd ignores section [{{section}}] in a .{{type}} unit',
      sectionHint: 'systemd ignores section [{{section}}] in a .{{type}} unit; did you mean [{{hint}}]?',
      key: 'systemd does not know {{key}}= in [{{section}}]',
      keyHint: 'systemd does not know {{key}}= in [{{section}}]; did you mean {{hint}}=?',
    },
    fixable: false,
  },
  create(context) {
    const { kind, model: unit } = context.file;
    if (!kind) return;
    const own = TYPE_SECTION[kind.type];
    const allowed = ['Unit', 'Install', ...(own ? [own] : [])];
    for (const section of unit.sections) {
      if (section.name.startsWith('X-')) continue;
      if (!allowed.includes(section.name)) {
        const hint = didYouMean(section.name, allowed);
        const data = { section: section.name, type: kind.type, ...(hint ? { hint } : {}) };
        context.report({ span: section.header.nameSpan, messageId: hint ? 'sectionHint' : 'section', data });
        continue;
      }
      const keys = KNOWN.get(section.name);
      if (!keys) continue;
      for (const node of section.assignments) {
        if (node.key.startsWith('X-') || keys.has(node.key)) continue;
        const hint = didYouMean(node.key, keys);
        // At the start of its line: the key is the finding, whatever precedes it.
        const { line } = locate(unit.lines, node.valueMap.sourceOffset(0));
        context.report({ at: unit.lines[line - 1]!.start, messageId: hint ? 'keyHint' : 'key', data: { key: node.key, section: section.name, ...(hint ? { hint } : {}) } });
      }
    }
  },
});
