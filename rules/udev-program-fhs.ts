import { planUdevRewrites } from '../src/fix/plans/udev-rules.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

export const udevProgramFhs = defineRule({
  meta: {
    id: 'udev-program-fhs',
    description: "A udev rule runs a program under /usr, /bin or /sbin, or a helper from udev's own folder that the package ships",
    formats: ['udev-rules'],
    severity: 'warning',
    docs: docsPage('udev-program-fhs'),
    messages: {
      libraryFolder: "{{key}}: udev looks for {{from}} in its own folder (systemd's), not this package's; it is at {{to}}",
      fhs: '{{key}}: {{from}} is under /usr, /bin or /sbin; it is at {{to}}',
      unresolved: '{{message}}',
    },
    fixable: 'udev-rules',
  },
  create(context) {
    const plan = planUdevRewrites(context.file.model, context.resolver);
    for (const r of plan.replacements) {
      context.report({ position: r, messageId: r.kind === 'library-folder' ? 'libraryFolder' : 'fhs', data: { key: r.key, from: r.from, to: r.to }, fix: true });
    }
    // A substituted program is not an FHS path: fix reports it, lint has nothing to say.
    for (const p of plan.problems) if (p.kind !== 'substitution') context.report({ position: p, messageId: 'unresolved', data: { message: p.message } });
  },
});
