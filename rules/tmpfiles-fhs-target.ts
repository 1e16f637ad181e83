import { planTmpfilesRewrites } from '../src/fix/plans/tmpfiles.js';
import type { Rule } from '../src/lint/types.js';
import { findingWords } from '../src/lint/finding-words.js';

export const tmpfilesFhsTarget: Rule = {
  id: 'tmpfiles-fhs-target',
  description: 'A tmpfiles.d line links to or copies from a path under /usr (also relative, like ../usr/lib/os-release)',
  severity: 'error',
  fixable: true,
  appliesTo: ['tmpfiles'],
  checkFile(file, context) {
    // The planner `unitfix fix` uses decides what it can rewrite; the rest is still reported.
    const plan = planTmpfilesRewrites(file.tmpfiles!, context.resolver);
    for (const r of plan.replacements) {
      if (r.kind !== 'target') continue; // implicit /usr/share/factory sources are tmpfiles-implicit-source's
      context.report({ line: r.line, column: r.column, message: `the target ${r.from} is under /usr; the file is at ${r.to}`, fixable: true });
    }
    for (const p of plan.problems) {
      if (p.kind === 'target') context.report({ line: p.line, column: p.column, message: findingWords(p.message) });
    }
  },
};
