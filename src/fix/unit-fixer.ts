import path from 'node:path';
import { parseUnit } from '../formats/unit/parse.js';
import type { UnitFile } from '../formats/unit/model.js';
import { planCommandRewrites, type UnitChain } from '../formats/unit/rewrite-commands.js';
import { planSettingRewrites } from '../formats/unit/rewrite-settings.js';
import { classifyUnitPath } from '../formats/unit/unit-type.js';
import { locate } from '../text/line-index.js';
import type { FileFixer } from './file-fixer.js';
import type { Problem } from '../formats/rewrite.js';
import { UNIT_DIRS } from './discover.js';
import type { FolderCache } from '../fs/folder-cache.js';
import { compareNames } from '../fs/read-directory.js';
import { PlanCache } from './plan-cache.js';

/** Units and drop-ins: command lines point at the outputs and dependencies. */
export const unitFixer: FileFixer = {
  format: 'unit',
  folders: UNIT_DIRS,
  accepts(realPath, linkPath) {
    return classifyUnitPath(realPath) !== undefined || classifyUnitPath(linkPath) !== undefined;
  },
  plan(source, file, resolver, cache = new PlanCache()) {
    const unit = parseUnit(source);
    const kind = classifyUnitPath(file);
    const rewrite = planCommandRewrites(unit, kind, resolver, unitChain(file, cache));
    const settings = planSettingRewrites(unit, kind, resolver);
    const problems: Problem[] = unit.diagnostics.map((d) => ({
      ...locate(unit.lines, d.span.start),
      message: `${d.severity === 'error' ? 'systemd would refuse this file: ' : ''}${d.message}`,
    }));
    const byLine = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line - b.line || a.column - b.column;
    return {
      edits: [...rewrite.edits, ...settings.edits],
      replacements: [...rewrite.replacements, ...settings.replacements].sort(byLine),
      problems: [...problems, ...[...rewrite.problems, ...settings.problems].sort(byLine)],
    };
  },
};

function confFiles(dir: string, folders: FolderCache): string[] {
  const names = folders.names(dir);
  return names ? [...names].filter((n) => n.endsWith('.conf')).map((n) => path.join(dir, n)) : [];
}

/**
 * The unit file and its drop-ins beside the file being planned (the file
 * itself as null), so that privileges follow a User= set anywhere in them.
 * Drop-ins apply in file-name order. The chain starts with undefined when
 * the unit file is not beside its drop-ins.
 */
function unitChain(file: string, cache: PlanCache): UnitChain {
  const kind = classifyUnitPath(file);
  if (!kind) return [null];
  const unitPath = kind.role === 'unit' ? file : path.join(path.dirname(path.dirname(file)), path.basename(path.dirname(file)).slice(0, -2));
  const typeWide = path.join(path.dirname(unitPath), `${kind.type}.d`);
  // systemd applies drop-ins in byte order of their names (strcmp), whichever folder they are in.
  const dropIns = [...confFiles(`${unitPath}.d`, cache.folders), ...confFiles(typeWide, cache.folders)].sort((a, b) => compareNames(path.basename(a), path.basename(b)));
  const head = unitPath === file ? null : cache.unit(unitPath);
  const rest = dropIns.map((d) => (d === file ? null : cache.unit(d))).filter((p): p is UnitFile | null => p !== undefined);
  if (kind.role === 'drop-in' && !dropIns.includes(file)) rest.push(null);
  return [head, ...rest];
}
