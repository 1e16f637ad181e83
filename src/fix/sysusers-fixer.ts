import { parseSysusers } from '../formats/sysusers/parse.js';
import { planSysusersRewrites } from './plans/sysusers.js';
import type { FileFixer } from './file-fixer.js';
import { diagnosticProblems } from './diagnostic-problems.js';
import { isConfIn } from './tmpfiles-fixer.js';

/** sysusers.d: login shells point at the outputs and dependencies. */
export const sysusersFixer: FileFixer = {
  format: 'sysusers',
  folders: ['lib/sysusers.d', 'etc/sysusers.d'],
  accepts: (realPath, linkPath) => isConfIn(realPath, 'sysusers.d') || isConfIn(linkPath, 'sysusers.d'),
  plan(source, _file, resolver) {
    const parsed = parseSysusers(source);
    const rewrite = planSysusersRewrites(parsed, resolver);
    return { ...rewrite, problems: [...diagnosticProblems(parsed.lines, parsed.diagnostics), ...rewrite.problems] };
  },
};
