import { displayText } from '../src/text/bytes.js';
import { planPcRewrites } from '../src/fix/plans/pkgconfig.js';
import { defineRule, docsPage } from '../src/lint/rule.js';
import { placeholderFor } from '../src/lint/placeholders.js';
import { findingWords } from '../src/lint/finding-words.js';

export const pcFhsVariable = defineRule({
  meta: {
    id: 'pc-fhs-variable',
    description: 'A .pc file sets its prefix or other variables (or flags) to paths under /usr, /lib or /etc',
    formats: ['pkgconfig'],
    severity: 'error',
    docs: docsPage('pc-fhs-variable'),
    messages: {
      emptyRoot: '{{key}} is empty, so the variables built on it name FHS paths ({{from}}) a hermetic-/usr system does not have',
      templateHardCodes: '{{key}} hard-codes {{from}} in a template: write {{placeholder}} instead',
      namesFhs: '{{key}} names {{from}}, a path a hermetic-/usr system does not have',
      unresolved: '{{message}}',
    },
    fixable: 'pkgconfig',
  },
  create(context) {
    const { file } = context;
    // The same planner `unitfix fix` uses: what it would rewrite is what this rule flags.
    const plan = planPcRewrites(file.evaluation, { outputs: [file.root], ownOutput: file.root, exists: (f) => context.resolver.exists(f) });
    for (const r of plan.replacements) {
      const data = { key: r.key, from: r.from };
      if (r.kind === 'empty-root') context.report({ position: r, messageId: 'emptyRoot', data, fix: !file.template });
      else if (file.template) context.report({ position: r, messageId: 'templateHardCodes', data: { ...data, placeholder: placeholderFor(r.from) ?? '@prefix@' } });
      else context.report({ position: r, messageId: 'namesFhs', data, fix: true });
    }
    for (const p of plan.problems) context.report({ position: p, messageId: 'unresolved', data: { message: findingWords(displayText(p.message)) } });
  },
});
