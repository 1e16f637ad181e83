import { parseUnit } from '../formats/unit/parse.js';
import { planCommandRewrites } from '../formats/unit/rewrite-commands.js';
import { classifyUnitPath } from '../formats/unit/unit-type.js';
import { locate } from '../text/line-index.js';
import type { FileFixer, FilePlan } from './file-fixer.js';
import type { Problem } from '../formats/rewrite.js';
import { UNIT_DIRS } from './discover.js';

/** Units and drop-ins: command lines point at the outputs and dependencies. */
export const unitFixer: FileFixer = {
  format: 'unit',
  folders: UNIT_DIRS,
  accepts(realPath, linkPath) {
    return classifyUnitPath(realPath) !== undefined || classifyUnitPath(linkPath) !== undefined;
  },
  plan(source, file, resolver): FilePlan {
    const unit = parseUnit(source);
    const rewrite = planCommandRewrites(unit, classifyUnitPath(file), resolver);
    const problems: Problem[] = unit.diagnostics.map((d) => ({
      ...locate(unit.lines, d.span.start),
      message: `${d.severity === 'error' ? 'systemd would refuse this file: ' : ''}${d.message}`,
    }));
    return { edits: rewrite.edits, replacements: rewrite.replacements, problems: [...problems, ...rewrite.problems] };
  },
};
