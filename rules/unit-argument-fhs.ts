import { planCommandRewrites } from '../src/fix/plans/unit-commands.js';
import { defineRule, docsPage } from '../src/lint/rule.js';
import { findingWords } from '../src/lint/finding-words.js';

export const unitArgumentFhs = defineRule({
  meta: {
    id: 'unit-argument-fhs',
    description: 'A unit command passes a path under /usr, /bin, /sbin or /lib as an argument, or runs one in a sh -c script',
    formats: ['unit'],
    severity: 'warning',
    docs: docsPage('unit-argument-fhs'),
    messages: {
      argument: '{{key}} names {{from}} as an argument, which a hermetic-/usr system does not have; it is at {{to}}',
      shell: '{{key}} names {{from}} in its shell script, which a hermetic-/usr system does not have; it is at {{to}}',
      unresolved: '{{key}}: {{message}}',
    },
    fixable: 'unit',
  },
  create(context) {
    const { file } = context;
    if (file.template) return; // configure fills in the paths
    // The planner `unitfix fix` uses decides what it rewrites; what it leaves is reported as not fixable.
    const plan = planCommandRewrites(file.model, file.kind, context.resolver);
    for (const r of plan.replacements) {
      if (r.kind === 'argument' || r.kind === 'shell') context.report({ position: r, messageId: r.kind, data: { key: r.key, from: r.from, to: r.to }, fix: true });
    }
    for (const p of plan.problems) {
      if (p.kind === 'argument' || p.kind === 'shell') context.report({ position: p, messageId: 'unresolved', data: { key: p.key ?? '', message: findingWords(p.message) } });
    }
  },
});
