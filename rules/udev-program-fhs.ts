import { planUdevRewrites } from '../src/fix/plans/udev-rules.js';
import type { Rule } from '../src/lint/types.js';

export const udevProgramFhs: Rule = {
  id: 'udev-program-fhs',
  description: "A udev rule runs a program under /usr, /bin or /sbin, or a helper from udev's own folder that the package ships",
  severity: 'warning',
  fixable: true,
  appliesTo: ['udev-rules'],
  checkFile(file, context) {
    const plan = planUdevRewrites(file.udevRules!, context.resolver);
    for (const r of plan.replacements) {
      const why = r.kind === 'library-folder' ? `udev looks for ${r.from} in its own folder (systemd's), not this package's` : `${r.from} is under /usr, /bin or /sbin`;
      context.report({ line: r.line, column: r.column, message: `${r.key}: ${why}; it is at ${r.to}`, fixable: true });
    }
    // A substituted program is not an FHS path: fix reports it, lint has nothing to say.
    for (const p of plan.problems) if (p.kind !== 'substitution') context.report({ line: p.line, column: p.column, message: p.message });
  },
};
