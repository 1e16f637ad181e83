import { planTmpfilesRewrites } from '../src/fix/plans/tmpfiles.js';
import { defineRule, docsPage } from '../src/lint/rule.js';
import { findingWords } from '../src/lint/finding-words.js';

export const tmpfilesFhsTarget = defineRule({
  meta: {
    id: 'tmpfiles-fhs-target',
    description: 'A tmpfiles.d line links to or copies from a path under /usr (also relative, like ../usr/lib/os-release)',
    formats: ['tmpfiles'],
    severity: 'error',
    docs: docsPage('tmpfiles-fhs-target'),
    messages: {
      target: 'the target {{from}} is under /usr; the file is at {{to}}',
      unresolved: '{{message}}',
    },
    fixable: 'tmpfiles',
  },
  create(context) {
    // The planner `unitfix fix` uses decides what it can rewrite; the rest is still reported.
    const plan = planTmpfilesRewrites(context.file.model, context.resolver);
    for (const r of plan.replacements) {
      if (r.kind !== 'target') continue; // implicit /usr/share/factory sources are tmpfiles-implicit-source's
      context.report({ position: r, messageId: 'target', data: { from: r.from, to: r.to }, fix: true });
    }
    for (const p of plan.problems) if (p.kind === 'target') context.report({ position: p, messageId: 'unresolved', data: { message: findingWords(p.message) } });
  },
});
