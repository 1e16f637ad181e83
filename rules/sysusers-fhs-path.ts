import { planSysusersRewrites } from '../src/fix/plans/sysusers.js';
import type { Rule } from '../src/lint/types.js';
import { findingWords } from '../src/lint/finding-words.js';

export const sysusersFhsPath: Rule = {
  id: 'sysusers-fhs-path',
  description: 'A sysusers.d line gives a login shell or home under /usr, /bin or /sbin',
  severity: 'warning',
  fixable: true,
  appliesTo: ['sysusers'],
  checkFile(file, context) {
    const plan = planSysusersRewrites(file.sysusers!, context.resolver);
    for (const r of plan.replacements) context.report({ line: r.line, column: r.column, message: `the shell ${r.from} is under /usr or /bin; it is at ${r.to}`, fixable: true });
    for (const p of plan.problems) context.report({ line: p.line, column: p.column, message: findingWords(p.message) });
  },
};
