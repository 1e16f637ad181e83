import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths, type FixReport } from '../../src/fix/fix.js';
import { isCommandKey } from '../../src/formats/unit/command-keys.js';
import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { classifyExecutable } from '../../src/resolve/fhs-path.js';
import { corpusDir, corpusEntries, describeIfCorpus } from '../helpers/corpus.js';
import { verifyUnits } from '../helpers/systemd-analyze.js';
import { hasTool } from '../helpers/tools.js';
import { CASES, FALLBACK_SET, STORE, type CommandExpectation, type HandPatchCase, type StorePackage } from './hand-patch-cases.js';

const REPO = path.dirname(path.dirname(path.dirname(new URL(import.meta.url).pathname)));
const UNIT_DIR = 'lib/systemd/system';

interface Layout {
  readonly store: string;
  /** `$name` → store path: the package's outputs, then the other store packages. */
  readonly places: ReadonlyMap<string, string>;
  readonly outputs: readonly string[];
  readonly out: string;
  readonly buildInputs: readonly string[];
  readonly fallback: readonly string[];
  /** Debian's units as shipped, for systemd-analyze to compare against. */
  readonly original: string;
  /** One-line units holding upstream's lines that Debian's units lack. */
  readonly upstream: string;
}

interface ActualCommand {
  readonly unit: string;
  readonly key: string;
  readonly prefix: string;
  readonly argv: readonly string[];
  readonly line: number;
}

/** A store path of the fake store; the hash part only has to be stable. */
function storePath(store: string, name: string): string {
  return path.join(store, `${createHash('sha256').update(name).digest('hex').slice(0, 32)}-${name}`);
}

function stubPackage(root: string, pkg: StorePackage, places: ReadonlyMap<string, string>): void {
  fs.mkdirSync(root, { recursive: true });
  for (const program of pkg.programs) {
    const file = path.join(root, program);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  }
  for (const [link, target] of Object.entries(pkg.links ?? {})) {
    const file = path.join(root, link);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(expand(target, places), file);
  }
}

/** `$name/rest` → the store path of `name` followed by rest; anything else as it is ($MAINPID, /bin/kill). */
function expand(word: string, places: ReadonlyMap<string, string>): string {
  return word.replace(/\$([A-Za-z0-9_-]+)\//g, (whole, name: string) => {
    const place = places.get(name);
    return place === undefined ? whole : `${place}/`;
  });
}

/** The Debian units of the case's packages, copied into `dir` (links kept: Debian masks and aliases with them). */
function copyDebianUnits(c: HandPatchCase, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const corpus = corpusDir()!;
  const entries = corpusEntries(['unit', 'unit-dropin']).filter((e) => c.debian.includes(e.package));
  if (entries.length === 0) throw new Error(`the corpus has no units of ${c.debian.join(', ')}`);
  for (const entry of entries) {
    const target = path.join(dir, path.basename(entry.path));
    if (entry.linkTarget !== '') fs.symlinkSync(entry.linkTarget, target);
    else fs.copyFileSync(path.join(corpus, entry.path), target);
  }
}

function layOutCase(c: HandPatchCase, scratch: string): Layout {
  const root = path.join(scratch, c.attribute.replace(/\W+/g, '-'));
  const store = path.join(root, 'nix', 'store');
  const pname = c.attribute.split(' ')[0]!;
  const places = new Map<string, string>();
  for (const name of Object.keys(c.outputs)) places.set(name, storePath(store, name === 'out' ? pname : `${pname}-${name}`));
  // The package is not its own dependency: lvm2's case has no lvm2 build input (docker's has).
  const others = Object.entries(STORE).filter(([name]) => name !== pname && !places.has(name));
  for (const [name] of others) places.set(name, storePath(store, name));
  for (const [name, pkg] of Object.entries(c.outputs)) stubPackage(places.get(name)!, pkg, places);
  for (const [name, pkg] of others) stubPackage(places.get(name)!, pkg, places);
  const out = places.get('out')!;
  copyDebianUnits(c, path.join(out, UNIT_DIR));
  const original = path.join(root, 'original');
  copyDebianUnits(c, original);
  const upstream = path.join(root, 'upstream');
  fs.mkdirSync(path.join(upstream, UNIT_DIR), { recursive: true });
  for (const u of c.upstreamLines ?? []) fs.writeFileSync(path.join(upstream, UNIT_DIR, `${u.id}.service`), `[Service]\n${u.line}\n`);
  return {
    store,
    places,
    outputs: Object.keys(c.outputs).map((name) => places.get(name)!),
    out,
    buildInputs: c.buildInputs.map((name) => places.get(name)!),
    fallback: FALLBACK_SET.map((name) => places.get(name)!),
    original,
    upstream,
  };
}

/** As the setup hook calls it: HOST_PATH is the build inputs' bin/, pkgsHostTarget their store paths. */
function fix(layout: Layout): Promise<FixReport> {
  return fixPaths({
    paths: [layout.out, layout.upstream],
    outputs: layout.outputs,
    searchPath: layout.buildInputs.map((dep) => path.join(dep, 'bin')),
    dependencies: layout.buildInputs,
    fallback: layout.fallback,
    storeDir: layout.store,
  });
}

/** Every command line of the regular unit files in `dir`, as systemd splits it, by unit name then line. */
function commandLines(dir: string): ActualCommand[] {
  const found: ActualCommand[] = [];
  for (const unit of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, unit);
    if (!fs.lstatSync(file).isFile()) continue;
    const parsed = parseUnit(fs.readFileSync(file));
    for (const section of parsed.sections) {
      for (const a of section.assignments) {
        if (!isCommandKey(section.name, a.key)) continue;
        const lines = parseCommandLines(a.rawValue);
        if (lines.error) throw new Error(`${file}:${a.lastLine}: ${lines.error.message}`);
        for (const command of lines.commands) {
          const argv = [command.path, ...(command.argv0 ? [command.argv0.value] : []), ...command.args.map((w) => w.value)];
          found.push({ unit, key: a.key, prefix: command.prefixText, argv, line: a.lastLine });
        }
      }
    }
  }
  return found;
}

function wanted(e: CommandExpectation): readonly string[] {
  return e.ours;
}

const isFhs = (file: string, store: string) => classifyExecutable(file, store).kind === 'fhs';

describeIfCorpus('unitfix fix on Debian units of packages nixpkgs patches by hand', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-hand-patches-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  describe.each(CASES.map((c) => [c.attribute, c] as const))('%s', (_name, c) => {
    let layout: Layout;
    let report: FixReport;
    beforeAll(async () => {
      layout = layOutCase(c, scratch);
      report = await fix(layout);
    });

    test('no file failed', () => {
      expect(report.files.filter((f) => f.status === 'error').map((f) => `${f.path}: ${f.error}`)).toEqual([]);
    });

    test('every command line is what the hand patch gives, or the named better/difference', () => {
      const actual = commandLines(path.join(layout.out, UNIT_DIR)).map(({ unit, key, prefix, argv }) => ({ unit, key, prefix, argv }));
      const expected = [...c.commands]
        .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
        .map((e) => ({ unit: e.unit, key: e.key, prefix: e.prefix, argv: wanted(e).map((w) => expand(w, layout.places)) }));
      expect(actual).toEqual(expected);
    });

    test('upstream lines Debian changed or dropped come out as the hand patch has them', () => {
      const actual = commandLines(path.join(layout.upstream, UNIT_DIR)).map((a) => ({ id: a.unit.replace(/\.service$/, ''), argv: a.argv }));
      const upstream = [...(c.upstreamLines ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(actual).toEqual(upstream.map((u) => ({ id: u.id, argv: u.ours.map((w) => expand(w, layout.places)) })));
    });

    test('the store packages the units now refer to through the fallback set', () => {
      const fromDebian = report.fallbackReferences.filter((r) => r.path.startsWith(`${layout.out}/`));
      const used = new Set(fromDebian.map((r) => r.package));
      expect([...used].sort()).toEqual(c.fallbackUsed.map((name) => layout.places.get(name)!).sort());
    });

    test('what is left unresolved is reported, and only that', () => {
      const debianFiles = report.files.filter((f) => f.path.startsWith(`${layout.out}/`));
      const problems = debianFiles.flatMap((f) => f.problems.map((p) => `${path.basename(f.path)} ${p.key}`));
      const absent = c.commands.filter((e) => e.verdict === 'absent').map((e) => `${e.unit} ${e.key}`);
      expect(problems.sort()).toEqual(absent.sort());
    });

    (hasTool('systemd-analyze') ? test : test.skip)('systemd-analyze verify says nothing new about the fixed units', () => {
      const units = fs.readdirSync(layout.original).filter((u) => fs.lstatSync(path.join(layout.original, u)).isFile());
      const before = verifyUnits(units.map((u) => path.join(layout.original, u)));
      const after = verifyUnits(units.map((u) => path.join(layout.out, UNIT_DIR, u)));
      const added: string[] = [];
      for (const unit of units) {
        const was = new Set(before.get(path.join(layout.original, unit))!.messages.map((m) => m.replaceAll(layout.original, 'DIR')));
        for (const m of after.get(path.join(layout.out, UNIT_DIR, unit))!.messages) {
          const normal = m.replaceAll(path.join(layout.out, UNIT_DIR), 'DIR');
          if (!was.has(normal)) added.push(normal);
        }
      }
      expect(added).toEqual([]);
      // "Nothing new" means something only if systemd-analyze was heard at all: it checks that each
      // command exists, and the originals name programs this machine does not have.
      const missingBefore = units.flatMap((u) => before.get(path.join(layout.original, u))!.missingCommands);
      expect(missingBefore.filter((p) => !fs.existsSync(p)).length).toBeGreaterThan(0);
      const missingAfter = units.flatMap((u) => after.get(path.join(layout.out, UNIT_DIR, u))!.missingCommands);
      const absent = c.commands.filter((e) => e.verdict === 'absent').map((e) => e.ours[0]!);
      expect(missingAfter.filter((p) => !absent.includes(p))).toEqual([]);
    });
  });
});

describe('the expectation table itself', () => {
  const STORE_DIR = '/nix/store';
  const everyExpectation = CASES.flatMap((c) => [
    ...c.commands.map((e) => ({ id: e.id, verdict: e.verdict, ours: e.ours, hand: e.hand, why: e.why })),
    ...(c.upstreamLines ?? []).map((u) => ({ id: u.id, verdict: u.verdict, ours: u.ours, hand: u.hand, why: 'upstream line' })),
  ]);
  const storeish = (w: string) => (w.startsWith('$') && w.includes('/') ? `${STORE_DIR}/x-${w.slice(1)}` : w);

  test('"same" means the same argv, anything else comes with an id and a reason', () => {
    for (const e of everyExpectation) {
      if (e.verdict === 'same') expect(e.ours).toEqual(e.hand);
      else {
        expect(e.id).toBeTruthy();
        expect(e.why).toBeTruthy();
      }
    }
  });

  test('"better" means the hand patch left an FHS path where unitfix put a store path', () => {
    for (const e of everyExpectation.filter((x) => x.verdict === 'better')) {
      const index = e.hand.findIndex((w, i) => w !== e.ours[i]);
      expect(isFhs(e.hand[index]!, STORE_DIR)).toBe(true);
      expect(classifyExecutable(storeish(e.ours[index]!), STORE_DIR).kind).toBe('store');
    }
  });

  test('docs/hand-patches.md names every better, difference and absence by its id', () => {
    const doc = fs.readFileSync(path.join(REPO, 'docs', 'hand-patches.md'), 'utf8');
    const ids = [...new Set(everyExpectation.filter((e) => e.verdict !== 'same').map((e) => e.id!))];
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(ids.filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });
});
