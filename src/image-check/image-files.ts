import fs from 'node:fs';
import path from 'node:path';
import { parseUnit } from '../formats/unit/parse.js';
import { parseTmpfiles } from '../formats/tmpfiles/parse.js';
import { parseSysusers } from '../formats/sysusers/parse.js';
import { classifyUnitPath } from '../formats/unit/unit-type.js';
import type { AssignmentNode, UnitFile } from '../formats/unit/model.js';
import type { TmpfilesFile } from '../formats/tmpfiles/model.js';
import type { SysusersFile } from '../formats/sysusers/model.js';
import type { SystemdDialect } from '../formats/systemd-version.js';
import { readAssignments } from '../lint/unit-walk.js';
import type { BuiltRoot, ManifestEntry } from './build-root.js';

/** A unit file or drop-in of the image, parsed. */
export interface ImageUnit {
  readonly imagePath: string;
  readonly origin: ManifestEntry;
  readonly scope: 'system' | 'user';
  /** The unit it configures: its own name, or the one of the folder a drop-in is in. */
  readonly name: string;
  readonly dropIn: boolean;
  readonly unit: UnitFile;
  /** The assignments systemd reads for its type. */
  readonly assignments: readonly AssignmentNode[];
}

export interface ImageColumnFile<F> {
  readonly imagePath: string;
  readonly origin: ManifestEntry;
  readonly parsed: F;
}

/** A name that a unit is known by in one scope, and what gives it that name. */
export interface NameClaim {
  readonly name: string;
  readonly scope: 'system' | 'user';
  /** The unit file the name leads to (its image path). */
  readonly unitPath: string;
  /** Where the claim is written: a unit's own file, an Alias= line, or a link. */
  readonly origin: ManifestEntry;
  readonly line: number;
  readonly how: 'file' | 'alias' | 'link';
}

/** Every file the image's tools read, parsed once with unitfix's parsers: to find the line a message is about. */
export interface ImageFiles {
  readonly units: readonly ImageUnit[];
  readonly tmpfiles: readonly ImageColumnFile<TmpfilesFile>[];
  readonly sysusers: readonly ImageColumnFile<SysusersFile>[];
  readonly claims: readonly NameClaim[];
  /** Unit names known in each scope (files, links and Alias= names). */
  readonly names: { readonly system: ReadonlySet<string>; readonly user: ReadonlySet<string> };
}

/** Files larger than this are not parsed (systemd itself refuses lines past 1 MiB; no unit is near). */
const MAX_PARSED_FILE = 4 << 20;

function readBounded(file: string): Buffer | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size <= MAX_PARSED_FILE ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

export function readImageFiles(built: BuiltRoot, dialect: SystemdDialect): ImageFiles {
  const units: ImageUnit[] = [];
  const tmpfiles: ImageColumnFile<TmpfilesFile>[] = [];
  const sysusers: ImageColumnFile<SysusersFile>[] = [];
  const claims: NameClaim[] = [];
  for (const [imagePath, origin] of [...built.manifest].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const inRoot = built.root + imagePath;
    if (origin.kind === 'tmpfiles' || origin.kind === 'sysusers') {
      if (!imagePath.endsWith('.conf') || path.dirname(imagePath).endsWith('.d') === false) continue;
      const source = readBounded(inRoot);
      if (!source) continue;
      if (origin.kind === 'tmpfiles') tmpfiles.push({ imagePath, origin, parsed: parseTmpfiles(source, dialect) });
      else sysusers.push({ imagePath, origin, parsed: parseSysusers(source, dialect) });
      continue;
    }
    if (origin.kind !== 'system-units' && origin.kind !== 'user-units') continue;
    const scope = origin.kind === 'system-units' ? 'system' : 'user';
    const kind = classifyUnitPath(imagePath);
    if (!kind) continue;
    const base = path.basename(imagePath);
    const parent = path.basename(path.dirname(imagePath));
    // Entries of .wants/.requires folders are enablement, not units.
    if (kind.role === 'unit' && /\.(wants|requires|upholds)$/.test(parent)) continue;
    let link: string | undefined;
    try {
      link = fs.lstatSync(inRoot).isSymbolicLink() ? fs.readlinkSync(inRoot) : undefined;
    } catch {
      continue;
    }
    if (link !== undefined && kind.role === 'unit') {
      // A link in the unit folder: an alias of the unit it points at (or a mask, to /dev/null).
      if (link !== '/dev/null') claims.push({ name: base, scope, unitPath: path.join(path.dirname(imagePath), link), origin, line: 1, how: 'link' });
      continue;
    }
    const source = readBounded(inRoot);
    if (!source) continue;
    const unit = parseUnit(source);
    const name = kind.role === 'unit' ? base : parent.slice(0, -2);
    const assignments = readAssignments(unit, kind);
    units.push({ imagePath, origin, scope, name, dropIn: kind.role === 'drop-in', unit, assignments });
    if (kind.role === 'unit') {
      claims.push({ name: base, scope, unitPath: imagePath, origin, line: 1, how: 'file' });
      for (const node of assignments) {
        if (node.section !== 'Install' || node.key !== 'Alias') continue;
        for (const alias of node.value.split(/\s+/).filter(Boolean)) claims.push({ name: alias, scope, unitPath: imagePath, origin, line: node.line, how: 'alias' });
      }
    }
  }
  const names = { system: new Set<string>(), user: new Set<string>() };
  for (const c of claims) names[c.scope].add(c.name);
  return { units, tmpfiles, sysusers, claims, names };
}

/** Whether a unit name is there: itself, or the template an instance is made from. */
export function unitNameKnown(name: string, known: ReadonlySet<string>): boolean {
  if (known.has(name)) return true;
  const at = name.indexOf('@');
  const dot = name.lastIndexOf('.');
  return at > 0 && dot > at && known.has(`${name.slice(0, at + 1)}${name.slice(dot)}`);
}
