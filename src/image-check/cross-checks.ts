import fs from 'node:fs';
import path from 'node:path';
import { locate } from '../text/line-index.js';
import { displayText } from '../text/bytes.js';
import { valuePosition } from '../lint/positions.js';
import type { AssignmentNode } from '../formats/unit/model.js';
import type { Column } from '../formats/column-file.js';
import type { BuiltRoot } from './build-root.js';
import type { Cause, Draft } from './image-finding.js';
import { unitNameKnown, type ImageFiles, type ImageUnit } from './image-files.js';
import type { Neighbours } from './neighbours.js';
import { readNames, resolvesWithoutEntry } from './accounts.js';

export interface CheckInput {
  readonly built: BuiltRoot;
  readonly files: ImageFiles;
  readonly neighbours: Neighbours;
  readonly storeDir: string;
}

const YES = /^(1|yes|true|on)$/i;
/** The sections where User= and Group= say whom processes run as. */
const EXEC_SECTIONS = new Set(['Service', 'Socket', 'Mount', 'Swap']);
/** Settings whose folders systemd creates itself when the unit starts: a path below them exists by then. */
const MANAGED_FOLDERS: Readonly<Record<string, string>> = {
  RuntimeDirectory: '/run',
  StateDirectory: '/var/lib',
  CacheDirectory: '/var/cache',
  LogsDirectory: '/var/log',
  ConfigurationDirectory: '/etc',
};
/** Unit types that come from the kernel, fstab or the manager at run time, never from a file a package ships. */
const RUNTIME_TYPES = /\.(device|mount|automount|swap|scope)$/;

/** Whether a path exists in the image: links followed inside the root, as the tools with --root follow them. */
export function existsInImage(root: string, imagePath: string): boolean {
  let current = imagePath;
  for (let hops = 0; hops < 40; hops++) {
    const parts = current.split('/').filter(Boolean);
    let walked = '';
    let relinked = false;
    for (let i = 0; i < parts.length; i++) {
      const next = `${walked}/${parts[i]}`;
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(root + next);
      } catch {
        return false;
      }
      if (stat.isSymbolicLink()) {
        const target = fs.readlinkSync(root + next);
        const rest = parts.slice(i + 1).join('/');
        current = path.posix.resolve(target.startsWith('/') ? '/' : walked || '/', target, rest);
        relinked = true;
        break;
      }
      walked = next;
    }
    if (!relinked) return true;
  }
  return false;
}

/** The store object (/nix/store/<hash>-<name>) a path is in, if any. */
function storeObject(file: string, storeDir: string): string | undefined {
  if (!file.startsWith(`${storeDir}/`)) return undefined;
  const name = file.slice(storeDir.length + 1).split('/', 1)[0];
  return name ? `${storeDir}/${name}` : undefined;
}

function at(unit: ImageUnit, node: AssignmentNode, needle: string): { line: number; column: number } {
  const offset = Math.max(0, node.rawValue.indexOf(needle));
  return valuePosition(unit.unit, node, offset);
}

/** Every unit's files (the unit, then its drop-ins), by scope and name. */
function byUnit(files: ImageFiles): Map<string, ImageUnit[]> {
  const groups = new Map<string, ImageUnit[]>();
  for (const u of files.units) {
    const key = `${u.scope}\0${u.name}`;
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  for (const list of groups.values()) list.sort((a, b) => Number(a.dropIn) - Number(b.dropIn));
  return groups;
}

/** User=, Group=, SocketUser=, SocketGroup= against the passwd and group files sysusers wrote. */
function checkUnitAccounts(input: CheckInput, users: ReadonlySet<string>, groups: ReadonlySet<string>, out: Draft[]): void {
  for (const parts of byUnit(input.files).values()) {
    if (parts[0]!.scope !== 'system') continue;
    let dynamic = false;
    for (const u of parts) for (const n of u.assignments) if (n.key === 'DynamicUser') dynamic = YES.test(n.value.trim());
    for (const u of parts) {
      for (const node of u.assignments) {
        const isGroup = node.key === 'Group' || node.key === 'SocketGroup';
        if (!isGroup && node.key !== 'User' && node.key !== 'SocketUser') continue;
        if (node.key.startsWith('Socket') ? node.section !== 'Socket' : !EXEC_SECTIONS.has(node.section ?? '')) continue;
        if (dynamic && (node.key === 'User' || node.key === 'Group')) continue;
        const name = node.value.trim();
        if (name === '' || name.includes('%') || resolvesWithoutEntry(name)) continue;
        if ((isGroup ? groups : users).has(name)) continue;
        const kind = isGroup ? 'group' : 'user';
        const neighbour = (isGroup ? input.neighbours.groups : input.neighbours.users).has(name);
        const effect = node.key.startsWith('Socket') ? 'the socket fails to start' : `${u.name} fails with status 217/${isGroup ? 'GROUP' : 'USER'}`;
        out.push({
          ruleId: 'image-unit-unknown-user',
          path: u.origin.file,
          ...at(u, node, name),
          message: `${node.key}=${name} names a ${kind} that no sysusers.d file in the closure creates: ${effect}${neighbour ? ` (a sysusers.d file in ${input.neighbours.from} creates it: its package is missing from the closure)` : ''}`,
          cause: neighbour ? 'neighbour' : 'defect',
          source: 'cross-check',
          subject: `${kind}:${name}`,
        });
      }
    }
  }
}

/** tmpfiles.d owners against the passwd and group files. */
function checkTmpfilesOwners(input: CheckInput, users: ReadonlySet<string>, groups: ReadonlySet<string>, out: Draft[]): void {
  for (const f of input.files.tmpfiles) {
    for (const entry of f.parsed.entries) {
      for (const [kind, column] of [['user', entry.user], ['group', entry.group]] as [string, Column | null][]) {
        if (!column?.value) continue;
        const name = displayText(column.value.replace(/^:/, ''));
        if (name.includes('%') || resolvesWithoutEntry(name) || (kind === 'user' ? users : groups).has(name)) continue;
        const neighbour = (kind === 'user' ? input.neighbours.users : input.neighbours.groups).has(name);
        out.push({
          ruleId: 'image-tmpfiles-unknown-owner',
          path: f.origin.file,
          ...locate(f.parsed.lines, column.word.start),
          message: `${kind} '${name}' is not created by any sysusers.d file in the closure: systemd-tmpfiles fails this line (and systemd-tmpfiles-setup.service with status 65 at boot)${neighbour ? ` (a sysusers.d file in ${input.neighbours.from} creates it: its package is missing from the closure)` : ''}`,
          cause: neighbour ? 'neighbour' : 'defect',
          source: 'cross-check',
          subject: `${kind}:${name}`,
        });
      }
    }
  }
}

/** WorkingDirectory=, EnvironmentFile= and ConditionPathExists= against the tree the tools left. */
function checkPaths(input: CheckInput, out: Draft[]): void {
  const closure = new Set(input.built.storePaths);
  for (const parts of byUnit(input.files).values()) {
    const managed: string[] = [];
    let ownRoot = false;
    for (const u of parts) {
      for (const n of u.assignments) {
        const base = MANAGED_FOLDERS[n.key];
        if (base) for (const d of n.value.split(/\s+/).filter(Boolean)) managed.push(`${base}/${d.split(':')[0]}`);
        if (n.key === 'RootDirectory' || n.key === 'RootImage') ownRoot = true;
      }
    }
    // Its paths are inside a tree of its own, which the image does not show.
    if (ownRoot) continue;
    for (const u of parts) {
      for (const node of u.assignments) {
        const key = node.key;
        if (key !== 'WorkingDirectory' && key !== 'EnvironmentFile' && key !== 'ConditionPathExists') continue;
        let value = node.value.trim();
        if (key === 'ConditionPathExists') value = value.replace(/^\|/, '');
        if (value.startsWith('-') || value.startsWith('!') || value.startsWith('~') || !value.startsWith('/') || value.includes('%') || /[*?[]/.test(value)) continue;
        if (managed.some((m) => value === m || value.startsWith(`${m}/`))) continue;
        // The kernel's file systems, and conditions on what boot leaves in /run: an image cannot show them.
        if (/^\/(proc|sys|dev)(\/|$)/.test(value) || (key === 'ConditionPathExists' && /^\/run(\/|$)/.test(value))) continue;
        if (existsInImage(input.built.root, value)) continue;
        const object = storeObject(value, input.storeDir);
        const cause: Cause = object !== undefined && !closure.has(object) ? 'neighbour' : 'defect';
        const why = cause === 'neighbour' ? `${object} is not in the closure` : 'nothing in the closure ships it and no tmpfiles.d line creates it';
        const condition = key === 'ConditionPathExists';
        out.push({
          ruleId: condition ? 'image-condition-never-met' : 'image-unit-missing-path',
          path: u.origin.file,
          ...at(u, node, value),
          message: condition
            ? `ConditionPathExists=${value} is never met in the image (${why}): ${u.name} is always skipped`
            : `${key}=${value} does not exist in the image (${why}): ${u.name} fails to start${key === 'EnvironmentFile' ? "; write EnvironmentFile=-… if the file is optional" : ''}`,
          cause,
          source: 'cross-check',
          subject: `path:${value}`,
        });
      }
    }
  }
}

/** WantedBy=, RequiredBy=, UpheldBy=, Requires= and Also= naming units the closure does not have. */
function checkReferences(input: CheckInput, out: Draft[]): void {
  const keys: Readonly<Record<string, string>> = { WantedBy: 'Install', RequiredBy: 'Install', UpheldBy: 'Install', Also: 'Install', Requires: 'Unit' };
  for (const u of input.files.units) {
    for (const node of u.assignments) {
      if (keys[node.key] !== node.section) continue;
      for (const name of node.value.split(/\s+/).filter(Boolean)) {
        if (name.includes('%') || name.startsWith('-') || RUNTIME_TYPES.test(name)) continue;
        if (unitNameKnown(name, input.files.names[u.scope])) continue;
        const neighbour = unitNameKnown(name, input.neighbours.units[u.scope]);
        out.push({
          ruleId: 'image-unit-dangling-reference',
          path: u.origin.file,
          ...at(u, node, name),
          message: `${node.key}=${name}: no ${u.scope} unit of the closure is called ${name}${neighbour ? ` (${input.neighbours.from} has it: its package is missing from the closure)` : ''}`,
          cause: neighbour ? 'neighbour' : 'defect',
          source: 'cross-check',
          subject: `unit:${name}`,
        });
      }
    }
  }
}

/**
 * Files two store paths put at the same place. (An Alias= that names
 * another unit is how a package offers to take that name when enabled, as
 * dbus-broker does with dbus.service: only preset-all, which enables, can
 * tell when two of them actually collide, and says so.)
 */
function checkCollisions(input: CheckInput, out: Draft[]): void {
  for (const c of input.built.collisions) {
    out.push({
      ruleId: 'image-name-collision',
      path: c.dropped.file,
      line: 1,
      column: 1,
      message: `${c.kept.file} is also installed as ${c.imagePath}, with other contents: the image keeps that one and this one is lost`,
      cause: 'defect',
      source: 'cross-check',
      subject: `name:${path.basename(c.imagePath)}`,
    });
  }
}

/** The checks the tools do not make, on the root they built. */
export function crossCheck(input: CheckInput): Draft[] {
  const users = readNames(`${input.built.root}/etc/passwd`);
  const groups = readNames(`${input.built.root}/etc/group`);
  const out: Draft[] = [];
  checkUnitAccounts(input, users, groups, out);
  checkTmpfilesOwners(input, users, groups, out);
  checkPaths(input, out);
  checkReferences(input, out);
  checkCollisions(input, out);
  return out;
}
