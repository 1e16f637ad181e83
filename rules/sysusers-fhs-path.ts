import { planSysusersRewrites } from '../src/fix/plans/sysusers.js';
import { defineRule, docsPage } from '../src/lint/rule.js';
import { findingWords } from '../src/lint/finding-words.js';

export const sysusersFhsPath = defineRule({
  meta: {
    id: 'sysusers-fhs-path',
    description: 'A sysusers.d line gives a login shell or home under /usr, /bin or /sbin',
    formats: ['sysusers'],
    severity: 'warning',
    docs: docsPage('sysusers-fhs-path'),
    messages: {
      shell: 'the shell {{from}} is under /usr or /bin; it is at {{to}}',
      unresolved: '{{message}}',
    },
    fixable: 'sysusers',
  },
  create(context) {
    const plan = planSysusersRewrites(context.file.model, context.resolver);
    for (const r of plan.replacements) context.report({ position: r, messageId: 'shell', data: { from: r.from, to: r.to }, fix: true });
    for (const p of plan.problems) context.report({ position: p, messageId: 'unresolved', data: { message: findingWords(p.message) } });
  },
});
