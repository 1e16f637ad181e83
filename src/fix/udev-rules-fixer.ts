import { udevRulesSpec } from '../formats/udev/spec.js';
import { planUdevRewrites } from './plans/udev-rules.js';
import type { FileFixer } from './file-fixer.js';
import { diagnosticProblems } from './diagnostic-problems.js';

/** udev rules: the programs of RUN, PROGRAM and IMPORT{program} point at the outputs and dependencies. */
export const udevRulesFixer: FileFixer = {
  format: udevRulesSpec.id,
  folders: udevRulesSpec.folders,
  accepts: (realPath, linkPath) => udevRulesSpec.isRulesPath(realPath) || udevRulesSpec.isRulesPath(linkPath),
  plan(source, _file, resolver) {
    const parsed = udevRulesSpec.parse(source);
    const rewrite = planUdevRewrites(parsed, resolver);
    return { ...rewrite, problems: [...diagnosticProblems(parsed.lines, parsed.diagnostics), ...rewrite.problems] };
  },
};
