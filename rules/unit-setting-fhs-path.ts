import path from 'node:path';
import { displayText } from '../src/text/bytes.js';
import { fhsFileRelative } from '../src/resolve/fhs-path.js';
import { settingPaths } from '../src/formats/unit/setting-paths.js';
import { planSettingRewrites } from '../src/fix/plans/unit-settings.js';
import { classifyUnitPath } from '../src/formats/unit/unit-type.js';
import { valuePosition } from '../src/lint/positions.js';
import { readAssignments } from '../src/lint/unit-walk.js';
import type { Rule } from '../src/lint/types.js';

export const unitSettingFhsPath: Rule = {
  id: 'unit-setting-fhs-path',
  description: 'A unit setting reads a path under /usr, or config under /etc that the package ships itself',
  severity: 'warning',
  fixable: true,
  appliesTo: ['unit'],
  checkFile(file, context) {
    const unit = file.unit!;
    // What `unitfix fix` rewrites is fixable; the planner decides, so lint and fix agree.
    const kind = classifyUnitPath(file.path.endsWith('.in') ? file.path.slice(0, -3) : file.path);
    const fixed = new Set(planSettingRewrites(unit, kind, context.resolver).replacements.map((r) => `${r.line}:${r.column}`));
    // Most store paths ship no etc/: the walk's top-level names spare a look-up per /etc setting.
    const shipsEtc = context.topLevel?.has('etc') ?? true;
    for (const node of readAssignments(unit, file.path)) {
      for (const found of settingPaths(node)) {
        const p = displayText(found.path);
        if (p.includes('%')) continue;
        const position = valuePosition(unit, node, found.start);
        if (fhsFileRelative(p) !== undefined && p.startsWith('/')) {
          context.report({ ...position, message: `${node.key}= names ${p}, which a hermetic-/usr system does not have`, fixable: fixed.has(`${position.line}:${position.column}`) });
        } else if (p.startsWith('/etc/') && !found.optional && shipsEtc && context.resolver.exists(path.join(file.root, p))) {
          // An optional '-/etc/…' is where the administrator may put an override: that is its purpose.
          context.report({ ...position, message: `${node.key}= names ${p}, which the package ships in its own etc/: read it from the store path instead` });
        }
      }
    }
  },
};
