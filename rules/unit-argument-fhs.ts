import { planCommandRewrites } from '../src/fix/plans/unit-commands.js';
import { classifyUnitPath } from '../src/formats/unit/unit-type.js';
import type { Rule } from '../src/lint/types.js';
import { findingWords } from '../src/lint/finding-words.js';

export const unitArgumentFhs: Rule = {
  id: 'unit-argument-fhs',
  description: 'A unit command passes a path under /usr, /bin, /sbin or /lib as an argument, or runs one in a sh -c script',
  severity: 'warning',
  fixable: true,
  appliesTo: ['unit'],
  checkFile(file, context) {
    if (file.path.endsWith('.in')) return; // templates: configure fills in the paths
    // The planner `unitfix fix` uses decides what it rewrites; what it leaves is reported as not fixable.
    const plan = planCommandRewrites(file.unit!, classifyUnitPath(file.path), context.resolver);
    for (const r of plan.replacements) {
      if (r.kind !== 'argument' && r.kind !== 'shell') continue;
      const where = r.kind === 'shell' ? 'in its shell script' : 'as an argument';
      context.report({ line: r.line, column: r.column, message: `${r.key} names ${r.from} ${where}, which a hermetic-/usr system does not have; it is at ${r.to}`, fixable: true });
    }
    for (const p of plan.problems) {
      if (p.kind === 'argument' || p.kind === 'shell') context.report({ line: p.line, column: p.column, message: `${p.key}: ${findingWords(p.message)}` });
    }
  },
};
