import { classifyUnitPath, TYPE_SECTION } from '../src/formats/unit/unit-type.js';
import { SYSTEMD_DIRECTIVES } from '../src/formats/unit/systemd-directives.js';
import { valuePosition } from '../src/lint/positions.js';
import { locate } from '../src/text/line-index.js';
import type { Rule } from '../src/lint/types.js';
import { closest } from '../src/text/nearest-word.js';

/** systemd's own lists of settings: SYSTEMD_DIRECTIVES.sources says which systemd versions. */
const KNOWN = new Map(Object.entries(SYSTEMD_DIRECTIVES.sections).map(([s, keys]) => [s, new Set(keys)]));

/** The closest known name, when close enough to be a typo (case aside). */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  return closest(name, candidates, { limit: Math.max(2, Math.floor(name.length / 4)), ignoreCase: true });
}

export const unitUnknownKey: Rule = {
  id: 'unit-unknown-key',
  description: "A section or setting systemd does not know for this unit type (with a 'did you mean')",
  severity: 'warning',
  fixable: false,
  appliesTo: ['unit'],
  checkFile(file, context) {
    const kind = classifyUnitPath(file.path.replace(/\.in$/, ''));
    if (!kind) return;
    const own = TYPE_SECTION[kind.type];
    const allowed = ['Unit', 'Install', ...(own ? [own] : [])];
    for (const section of file.unit!.sections) {
      if (section.name.startsWith('X-')) continue;
      if (!allowed.includes(section.name)) {
        const hint = didYouMean(section.name, allowed);
        context.report({ ...locate(file.unit!.lines, section.header.nameSpan.start), message: `systemd ignores section [${section.name}] in a .${kind.type} unit${hint ? `; did you mean [${hint}]?` : ''}` });
        continue;
      }
      const keys = KNOWN.get(section.name);
      if (!keys) continue;
      for (const node of section.assignments) {
        if (node.key.startsWith('X-') || keys.has(node.key)) continue;
        const hint = didYouMean(node.key, keys);
        const position = valuePosition(file.unit!, node, 0);
        context.report({ line: position.line, column: 1, message: `systemd does not know ${node.key}= in [${section.name}]${hint ? `; did you mean ${hint}=?` : ''}` });
      }
    }
  },
};
