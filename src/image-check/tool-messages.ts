import path from 'node:path';
import { valuePosition } from '../lint/positions.js';
import type { BuiltRoot, ManifestEntry } from './build-root.js';
import type { Cause, Draft } from './image-finding.js';
import { unitNameKnown, type ImageFiles, type ImageUnit } from './image-files.js';
import type { Neighbours } from './neighbours.js';
import type { StepRun } from './systemd-tools.js';

export interface MessageInput {
  readonly built: BuiltRoot;
  readonly files: ImageFiles;
  readonly neighbours: Neighbours;
}

/** What the tools say while doing their work: not about a defect. */
const CHATTER = /^(Created symlink|Removed ["'/]|Removed symlink|Creating (user|group) |Unit .* (enabled|disabled)\.?$|Skipping ["'/])/;
/** A unit the package masks on purpose (a link to /dev/null, as Debian ships for init scripts it replaces): preset-all skips it, and says so. */
const MASKED = /\bis masked\b/;
const UNIT_NAME = /[A-Za-z0-9:_.\\@-]+\.(?:service|socket|target|timer|path|mount|automount|swap|slice|scope|device)/;

/** A place in a store file. */
interface Place {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The tools' messages as findings. Each tool says where it was when it
 * can (path:line: for a file it parsed; "unit: …" for a unit it loaded;
 * an image path in the text); the image path is traced back to the store
 * file through the root's manifest, and a line the tool does not give is
 * looked up with unitfix's parsers. Messages are matched by what they say
 * (a user that cannot be resolved, a unit that does not exist), not by
 * their exact wording, which changes between systemd versions.
 */
export function interpretMessages(runs: readonly StepRun[], input: MessageInput): Draft[] {
  const out: Draft[] = [];
  const seen = new Set<string>();
  const unitFiles = new Map<string, ImageUnit>();
  for (const u of input.files.units) if (!u.dropIn && !unitFiles.has(u.name)) unitFiles.set(u.name, u);
  const rootPrefix = input.built.root;
  const toImage = (text: string): string => text.split(rootPrefix + '/').join('/');
  const fallback = input.built.storePaths[0] ?? rootPrefix;

  for (const run of runs) {
    for (const raw of run.lines) {
      const text = toImage(raw.trim());
      if (CHATTER.test(text) || MASKED.test(text) || seen.has(`${run.step}\0${text}`)) continue;
      seen.add(`${run.step}\0${text}`);
      const draft = interpret(run.step, text);
      if (draft) out.push(draft);
    }
  }
  return out;

  function entryOf(imagePath: string): ManifestEntry | undefined {
    return input.built.manifest.get(imagePath);
  }

  function unitPlace(u: ImageUnit, keys: readonly string[], needle: string | undefined): Place {
    for (const part of input.files.units.filter((x) => x.name === u.name && x.scope === u.scope)) {
      for (const node of part.assignments) {
        if (!keys.includes(node.key)) continue;
        const offset = needle === undefined ? 0 : node.rawValue.indexOf(needle);
        if (offset >= 0) return { path: part.origin.file, ...valuePosition(part.unit, node, offset) };
      }
    }
    return { path: u.origin.file, line: 1, column: 1 };
  }

  function unitByImagePath(imagePath: string): ImageUnit | undefined {
    return input.files.units.find((u) => u.imagePath === imagePath);
  }

  /** Whether a unit the message names is missing from the closure but there on the host. */
  function causeOfUnit(name: string | undefined, scope: 'system' | 'user' = 'system'): Cause {
    if (!name || unitNameKnown(name, input.files.names[scope])) return 'defect';
    return unitNameKnown(name, input.neighbours.units[scope]) ? 'neighbour' : 'defect';
  }

  function interpret(step: string, text: string): Draft | undefined {
    const base = { source: step, message: `${step}: ${text}` };
    // "path:line: message": a file the tool parsed.
    const located = /^(\/[^:\s]+):(\d+):\s*(.*)$/.exec(text);
    if (located) {
      const entry = entryOf(located[1]!);
      const what = located[3]!;
      const owner = /\b(user|group)\b[^']*'([^']+)'/i.exec(what);
      if (entry && owner && entry.kind === 'tmpfiles' && /resolv|unknown|not found|no such/i.test(what)) {
        const kind = owner[1]!.toLowerCase();
        const name = owner[2]!;
        const neighbour = (kind === 'user' ? input.neighbours.users : input.neighbours.groups).has(name);
        const column = columnOf(entry, Number(located[2]), name);
        return {
          ...base,
          ruleId: 'image-tmpfiles-unknown-owner',
          path: entry.file,
          line: Number(located[2]),
          column,
          message: `${kind} '${name}' is not created by any sysusers.d file in the closure: ${step} says "${what}"${neighbour ? ` (a sysusers.d file in ${input.neighbours.from} creates it: its package is missing from the closure)` : ''}`,
          cause: neighbour ? 'neighbour' : 'defect',
          subject: `${kind}:${name}`,
        };
      }
      return { ...base, ruleId: 'image-tool-message', path: entry?.file ?? located[1]!, line: Number(located[2]), column: 1, message: `${step}: ${what}`, cause: 'defect', subject: `text:${what}` };
    }
    // preset-all: a unit enabled into a unit that does not exist.
    const dependency = /Unit (\S+) is added as a dependency to a non-existent unit (\S+?)\.?$/.exec(text);
    if (dependency) {
      const u = unitByImagePath(dependency[1]!) ?? unitFiles.get(path.basename(dependency[1]!));
      const name = dependency[2]!;
      if (u) {
        const cause = causeOfUnit(name, u.scope);
        return { ...base, ruleId: 'image-unit-dangling-reference', ...unitPlace(u, ['WantedBy', 'RequiredBy', 'UpheldBy'], name), cause, subject: `unit:${name}`, message: `${step}: ${text}${cause === 'neighbour' ? ` (${input.neighbours.from} has ${name}: its package is missing from the closure)` : ''}` };
      }
    }
    // preset-all: an Also= unit that is not there (the message does not say whose Also=).
    const auxiliary = /auxiliary unit (\S+?),/.exec(text);
    if (auxiliary) {
      const name = auxiliary[1]!;
      const owner = input.files.units.find((u) => u.assignments.some((n) => n.key === 'Also' && n.value.split(/\s+/).includes(name)));
      if (owner) return { ...base, ruleId: 'image-unit-dangling-reference', ...unitPlace(owner, ['Also'], name), cause: causeOfUnit(name, owner.scope), subject: `unit:${name}` };
    }
    // preset-all: a name already taken by a link to another unit.
    const taken = /"?(\/[^"\s]+)"? already exists(?: and is a symlink to "?(\/[^"\s]+?)"?\.?$)?/.exec(text);
    if (taken) {
      const name = path.basename(taken[1]!);
      const holder = taken[2];
      const claim = input.files.claims.find((c) => c.name === name && c.how === 'alias' && c.unitPath !== holder) ?? input.files.claims.find((c) => c.name === name && c.unitPath !== holder);
      if (claim) return { ...base, ruleId: 'image-name-collision', path: claim.origin.file, line: claim.line, column: 1, cause: 'defect', subject: `name:${name}` };
    }
    // "unit: message": a unit the tool loaded (systemd-analyze verify).
    const prefixed = new RegExp(`^(${UNIT_NAME.source}): (.*)$`).exec(text);
    if (prefixed) {
      const u = unitFiles.get(prefixed[1]!);
      const what = prefixed[2]!;
      const command = /Command (\/\S+) is not executable/.exec(what)?.[1];
      const missingUnit = /Unit (\S+?) not found/.exec(what)?.[1];
      const place = u ? (command ? unitPlace(u, execKeys(u), command) : { path: u.origin.file, line: 1, column: 1 }) : { path: fallback, line: 1, column: 1 };
      return { ...base, ruleId: 'image-tool-message', ...place, cause: missingUnit ? causeOfUnit(missingUnit, u?.scope) : 'defect', subject: `text:${what}` };
    }
    // Anything else: the file it names, if any, else the closure as a whole.
    const named = /(\/[^\s"':,]+)/g;
    for (const m of text.matchAll(named)) {
      const entry = entryOf(m[1]!);
      if (entry) return { ...base, ruleId: 'image-tool-message', path: entry.file, line: 1, column: 1, cause: 'defect', subject: `text:${text}` };
    }
    const unitName = UNIT_NAME.exec(text)?.[0];
    const u = unitName ? unitFiles.get(unitName) : undefined;
    return { ...base, ruleId: 'image-tool-message', path: u?.origin.file ?? fallback, line: 1, column: 1, cause: unitName && !u ? causeOfUnit(unitName) : 'defect', subject: `text:${text}` };
  }

  function execKeys(u: ImageUnit): string[] {
    return [...new Set(input.files.units.filter((x) => x.name === u.name).flatMap((x) => x.assignments.map((n) => n.key)).filter((k) => k.startsWith('Exec')))];
  }

  function columnOf(entry: ManifestEntry, line: number, needle: string): number {
    const f = input.files.tmpfiles.find((t) => t.origin.file === entry.file);
    const node = f?.parsed.lines[line - 1];
    if (!f || !node) return 1;
    const index = f.parsed.text.slice(node.start, node.contentEnd).indexOf(needle);
    return index >= 0 ? index + 1 : 1;
  }
}
