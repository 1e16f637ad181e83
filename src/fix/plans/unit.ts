import path from 'node:path';
import type { UnitFile } from '../../formats/unit/model.js';
import { unitDropIns } from '../../formats/unit/drop-in-folders.js';
import { classifyUnitPath } from '../../formats/unit/unit-type.js';
import type { PlanCache } from '../plan-cache.js';
import type { Planner } from './planner.js';
import { planCommandRewrites, type UnitChain } from './unit-commands.js';
import { planSettingRewrites } from './unit-settings.js';

/** Units and drop-ins: command lines, and settings that name files, point at the outputs and dependencies. */
export const planUnit: Planner<UnitFile> = (unit, { file, resolver, cache }) => {
  const kind = classifyUnitPath(file);
  const commands = planCommandRewrites(unit, kind, resolver, unitChain(file, unit, cache));
  const settings = planSettingRewrites(unit, kind, resolver);
  const byLine = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line - b.line || a.column - b.column;
  return {
    edits: [...commands.edits, ...settings.edits],
    replacements: [...commands.replacements, ...settings.replacements].sort(byLine),
    problems: [...commands.problems, ...settings.problems].sort(byLine),
  };
};

/**
 * The unit file and its drop-ins, in the order systemd applies them
 * (unitDropIns), so that privileges follow a User= set anywhere in them.
 * The chain starts with undefined when the unit file is not beside its
 * drop-ins. One chain per unit and run, shared by all its files: planning a
 * unit of n drop-ins is linear in n, not quadratic. A unit file without
 * drop-ins is a chain of itself, kept nowhere. A drop-in outside its unit's
 * chain (hidden, or in a prefix folder shared by many units) gets a chain of
 * its own, with itself as null.
 */
function unitChain(file: string, unit: UnitFile, cache: PlanCache): UnitChain {
  const kind = classifyUnitPath(file);
  if (!kind) return [null];
  const unitPath = kind.role === 'unit' ? file : path.join(path.dirname(path.dirname(file)), path.basename(path.dirname(file)).slice(0, -2));
  let shared = cache.chains.get(unitPath);
  if (!shared) {
    const dropIns = unitDropIns(unitPath, kind.type, (dir) => cache.folders.names(dir));
    if (file === unitPath) {
      // A unit file without drop-ins is a chain of itself: no other file of the run asks for it.
      if (dropIns.length === 0) return [unit];
      // Its drop-ins will need it: the parse in hand, not a second read.
      cache.keep(file, unit);
    }
    const pieces = dropIns.map((d) => cache.unit(d)).filter((p): p is UnitFile => p !== undefined);
    shared = { files: new Set(dropIns), chain: [cache.unit(unitPath), ...pieces] };
    cache.chains.set(unitPath, shared);
  }
  if (file === unitPath || shared.files.has(file)) return shared.chain;
  return [...shared.chain, null];
}
