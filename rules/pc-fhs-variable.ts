import { displayText } from '../src/text/bytes.js';
import { pcEvaluationOf } from '../src/lint/pc-evaluation.js';
import { planPcRewrites } from '../src/fix/plans/pkgconfig.js';
import type { Rule } from '../src/lint/types.js';
import { isTemplate, placeholderFor } from '../src/lint/placeholders.js';
import { findingWords } from '../src/lint/finding-words.js';

export const pcFhsVariable: Rule = {
  id: 'pc-fhs-variable',
  description: 'A .pc file sets its prefix or other variables (or flags) to paths under /usr, /lib or /etc',
  severity: 'error',
  fixable: true,
  appliesTo: ['pkgconfig'],
  checkFile(file, context) {
    const evaluation = pcEvaluationOf(file);
    // The same planner `unitfix fix` uses: what it would rewrite is what this rule flags.
    const plan = planPcRewrites(evaluation, { outputs: [file.root], ownOutput: file.root, exists: (f) => context.resolver.exists(f) });
    for (const r of plan.replacements) {
      if (r.kind === 'empty-root') {
        context.report({ line: r.line, column: r.column, message: `${r.key} is empty, so the variables built on it name FHS paths (${r.from}) a hermetic-/usr system does not have`, fixable: !isTemplate(file.path) });
      } else if (isTemplate(file.path)) {
        context.report({ line: r.line, column: r.column, message: `${r.key} hard-codes ${r.from} in a template: write ${placeholderFor(r.from) ?? '@prefix@'} instead` });
      } else context.report({ line: r.line, column: r.column, message: `${r.key} names ${r.from}, a path a hermetic-/usr system does not have`, fixable: true });
    }
    for (const p of plan.problems) context.report({ line: p.line, column: p.column, message: findingWords(displayText(p.message)) });
  },
};
