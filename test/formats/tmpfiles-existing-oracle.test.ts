import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import type { TmpfilesEntry, TmpfilesFile } from '../../src/formats/tmpfiles/model.js';
import { describeIfTool } from '../helpers/tools.js';
import { installedDialect } from '../helpers/systemd-version.js';
import { agreeingEntry, expectedMode, modeOf, runTmpfiles, type TmpfilesRun } from '../helpers/tmpfiles-run.js';

/**
 * The line types the --create oracle (tmpfiles-oracle.test.ts) cannot see,
 * because they act on what exists or make what a fresh root cannot show:
 * a root is filled first, then systemd-tmpfiles --create --remove --clean
 * applies crafted lines to it, and every line's effect is predicted from our
 * parsed columns alone. No guards: a column we did not parse counts as unset
 * (the type's default, or no change), so a parser that drops a mode, an age
 * or an argument predicts something the tool did not do.
 */
const LINES = [
  'e /edir 0751 - - m:1h',
  'x /edir/keep*',
  'X /edir/xfile',
  'e /edir-young - - - m:5h',
  'e /edir-no-age 0705',
  'e "/edir quoted" - - - m:30min',
  'z /zfile 0640',
  'z /zfile-no-mode',
  'Z /zdir 0700',
  'm /mfile 0604',
  'F /ffile 0600 - - - new\\x41',
  'F /fnew',
  'F+ /fplus - - - - plus',
  'w /wfile - - - - written',
  'w+ /wplus - - - - \\tmore',
  'r /rfile',
  'r /rdir-full',
  'r /rmissing',
  'R /Rdir',
  'R- /Rdir2',
  'v /vdir 0710',
  'q /qdir',
  'Q /Qdir 0712',
  'c /cdev 0600 - - - 1:3',
  'b /bdev - - - - 7:0',
  'c /cdev-no-number',
  'C /copy - - - - /src',
  'C /copydir - - - - /srcdir',
  'C /copy-from-factory',
  'C /copy-into-existing - - - - /src',
  't /tfile - - - - user.foo="bar"',
  'T /Tdir - - - - user.x=y',
  'a /afile - - - - u:1234:rw',
  'A /Adir - - - - g:4321:r',
  'h /hfile - - - - +d',
  'H /Hdir - - - - +A',
  'x',
  'r relative',
  'Z /zdir2 - - - - arg',
];

const HOUR = 3600;
/** What exists before the run: files and folders, an 'old' one 3 hours old. */
const BEFORE: Record<string, { dir?: true; content?: string; mode?: number; old?: true }> = {
  edir: { dir: true, mode: 0o700 },
  'edir/old': { content: 'x', old: true },
  'edir/keep-old': { content: 'x', old: true },
  'edir/new': { content: 'x' },
  'edir/xfile': { content: 'x', old: true },
  'edir-young': { dir: true, mode: 0o700 },
  'edir-young/old': { content: 'x', old: true },
  'edir-no-age': { dir: true, mode: 0o700 },
  'edir-no-age/old': { content: 'x', old: true },
  'edir quoted': { dir: true, mode: 0o700 },
  'edir quoted/old': { content: 'x', old: true },
  zfile: { content: 'z', mode: 0o600 },
  'zfile-no-mode': { content: 'z', mode: 0o600 },
  zdir: { dir: true, mode: 0o755 },
  'zdir/file': { content: 'z', mode: 0o644 },
  'zdir/sub': { dir: true, mode: 0o755 },
  zdir2: { dir: true, mode: 0o755 },
  mfile: { content: 'm', mode: 0o600 },
  ffile: { content: 'orig' },
  fplus: { content: 'orig' },
  wfile: { content: 'orig' },
  wplus: { content: 'orig' },
  rfile: { content: 'r' },
  'rdir-full': { dir: true },
  'rdir-full/x': { content: 'x' },
  Rdir: { dir: true },
  'Rdir/y': { dir: true },
  'Rdir/y/z': { content: 'z' },
  Rdir2: { dir: true },
  src: { content: 'source' },
  srcdir: { dir: true },
  'srcdir/f': { content: 'f' },
  'copy-into-existing': { content: 'mine' },
  tfile: { content: '' },
  Tdir: { dir: true },
  'Tdir/in': { content: '' },
  afile: { content: '' },
  Adir: { dir: true },
  'Adir/in': { content: '' },
  hfile: { content: '' },
  Hdir: { dir: true },
};

/** systemd's time spans as the Age column uses them (parse_sec), after the optional a/b/c/m/A/B/C/M: of v250. */
function ageSeconds(age: string): number {
  const UNITS: Record<string, number> = { '': 1, s: 1, sec: 1, m: 60, min: 60, h: HOUR, hr: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR };
  let total = 0;
  for (const [, n, unit] of age.replace(/^[abcmABCM]+:/, '').matchAll(/(\d+)\s*([a-z]*)/g)) total += Number(n) * UNITS[unit!]!;
  return total;
}

/** The pax records of a one-file tar archive: xattrs (SCHILY.xattr.NAME) and ACLs (SCHILY.acl.access) as tar reads them. */
function paxRecords(file: string): Map<string, string> {
  const tar = spawnSync('tar', ['--xattrs', "--xattrs-include=*", '--acls', '--format=posix', '--no-recursion', '-C', path.dirname(file), '-cf', '-', path.basename(file)]);
  const records = new Map<string, string>();
  const header = tar.stdout.subarray(0, 512);
  if (String.fromCharCode(header[156]!) !== 'x') return records;
  const size = parseInt(header.subarray(124, 136).toString('latin1'), 8);
  const body = tar.stdout.subarray(512, 512 + size).toString('latin1');
  for (let at = 0; at < body.length; ) {
    const length = parseInt(body.slice(at), 10);
    const record = body.slice(at, at + length - 1).replace(/^\d+ /, '');
    const eq = record.indexOf('=');
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/** What `+d`, `-A`… leave set among lsattr's letters. */
function attributeLetters(file: string): string {
  const out = spawnSync('lsattr', ['-d', file], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`lsattr cannot read ${file} (a file system without attributes?): ${out.stderr.trim()}`);
  return out.stdout.split(' ')[0]!.replaceAll('-', '');
}

describeIfTool('systemd-tmpfiles', 'agreement with systemd-tmpfiles --root --create --remove --clean on a filled root', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-tmpfiles-existing-'));
  const root = path.join(dir, 'root');
  const inRoot = (p: string) => path.join(root, Buffer.from(p, 'latin1').toString('utf8'));
  const threeHoursAgo = Date.now() / 1000 - 3 * HOUR;
  let run: TmpfilesRun;
  let parsed: TmpfilesFile;
  let entries: TmpfilesEntry[];
  let attributesBefore: Map<string, string>;
  // In beforeAll, not in the describe's body: a mutation run loads this file for every tmpfiles mutant.
  beforeAll(() => {
    for (const [name, o] of Object.entries(BEFORE)) {
      const file = path.join(root, name);
      if (o.dir) fs.mkdirSync(file, { recursive: true });
      else fs.writeFileSync(file, o.content!);
      if (o.mode !== undefined) fs.chmodSync(file, o.mode);
    }
    // Ages last: writing into a folder makes it new again.
    for (const [name, o] of Object.entries(BEFORE)) if (o.old) fs.utimesSync(path.join(root, name), threeHoursAgo, threeHoursAgo);
    attributesBefore = new Map(['hfile', 'Hdir'].map((name) => [name, attributeLetters(path.join(root, name))]));
    run = runTmpfiles(dir, root, LINES, ['--create', '--remove', '--clean']);
    parsed = parseTmpfiles(Buffer.from(`${LINES.join('\n')}\n`), installedDialect());
    entries = parsed.entries.slice();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('systemd-tmpfiles ran, refused the bad lines and failed on the folder r cannot remove', () => {
    expect(run.rejected.size).toBeGreaterThanOrEqual(3);
    expect(run.stderr).toMatch(/rdir-full.*Directory not empty/);
  });

  /** The paths an x or X line of ours keeps from cleaning, as globs. */
  const excluded = (file: string) => entries.some((e) => (e.letter === 'x' || e.letter === 'X') && path.matchesGlob(file, e.path.value!));

  test.each(LINES.map((text, i) => [i + 1, text] as const))('line %d: %s', (lineNo) => {
    const ours = agreeingEntry(parsed, run, lineNo);
    if (!ours) return;
    const p = ours.path.value!;
    const target = inRoot(p);
    const argument = ours.argument?.value ?? null;
    const before = BEFORE[p.slice(1)];
    switch (ours.letter) {
      case 'e': {
        expect(modeOf(target)).toBe(expectedMode(ours.mode?.value, (before!.mode ?? 0o755).toString(8)));
        // Cleaning: what is older than the age goes, unless an x or X line keeps it; without an age nothing goes.
        const age = ours.age?.value ? ageSeconds(ours.age.value) : undefined;
        for (const [name, o] of Object.entries(BEFORE)) {
          if (path.dirname(`/${name}`) !== p) continue;
          const goes = age !== undefined && o.old === true && age < 3 * HOUR && !excluded(`/${name}`);
          expect({ name, exists: fs.existsSync(path.join(root, name)) }).toEqual({ name, exists: !goes });
        }
        break;
      }
      case 'x':
      case 'X':
        // Its effect is on the e line above it; here only that it names something we kept.
        expect(fs.existsSync(target) || fs.readdirSync(path.dirname(target)).some((f) => path.matchesGlob(`${path.dirname(p)}/${f}`, p))).toBe(true);
        break;
      case 'z':
      case 'm':
        expect(modeOf(target)).toBe(expectedMode(ours.mode?.value, before!.mode!.toString(8)));
        break;
      case 'Z':
        for (const [name, o] of Object.entries(BEFORE)) {
          if (name !== p.slice(1) && !name.startsWith(`${p.slice(1)}/`)) continue;
          expect({ name, mode: modeOf(path.join(root, name)) }).toEqual({ name, mode: expectedMode(ours.mode?.value, o.mode!.toString(8)) });
        }
        break;
      case 'F':
        expect(fs.readFileSync(target, 'latin1')).toBe(argument ?? '');
        expect(modeOf(target)).toBe(expectedMode(ours.mode?.value, '644'));
        break;
      case 'w':
        expect(fs.readFileSync(target, 'latin1')).toBe(ours.modifiers.includes('+') ? `${before!.content}${argument}` : argument);
        break;
      case 'r':
        // r removes a file or an empty folder; a full folder stays (tmpfiles fails on it).
        expect(fs.existsSync(target)).toBe(before !== undefined && fs.existsSync(`${target}/x`));
        break;
      case 'R':
        expect(fs.existsSync(target)).toBe(false);
        break;
      case 'v':
      case 'q':
      case 'Q':
        expect(fs.statSync(target).isDirectory()).toBe(true);
        expect(modeOf(target)).toBe(expectedMode(ours.mode?.value, '755'));
        break;
      case 'c':
      case 'b': {
        if (argument === null) {
          expect(fs.existsSync(target)).toBe(false);
          break;
        }
        const stat = fs.statSync(target);
        expect(ours.letter === 'c' ? stat.isCharacterDevice() : stat.isBlockDevice()).toBe(true);
        expect(modeOf(target)).toBe(expectedMode(ours.mode?.value, '644'));
        // Linux's dev_t: major in bits 8-19 (and 32 up), minor in bits 0-7 and 20-31.
        const rdev = BigInt(fs.statSync(target, { bigint: true }).rdev);
        const major = Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
        const minor = Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));
        expect(`${major}:${minor}`).toBe(argument);
        break;
      }
      case 'C': {
        // The source is the argument, or /usr/share/factory/PATH; an existing target is left as it is.
        const source = inRoot(argument ?? `/usr/share/factory${p}`);
        if (before) expect(fs.readFileSync(target, 'latin1')).toBe(before.content);
        else if (!fs.existsSync(source)) expect(fs.existsSync(target)).toBe(false);
        else if (fs.statSync(source).isDirectory()) expect(fs.readdirSync(target)).toEqual(fs.readdirSync(source));
        else expect(fs.readFileSync(target, 'latin1')).toBe(fs.readFileSync(source, 'latin1'));
        break;
      }
      case 't':
      case 'T': {
        const [name, value] = [argument!.slice(0, argument!.indexOf('=')), argument!.slice(argument!.indexOf('=') + 1).replace(/^"(.*)"$/, '$1')];
        const files = ours.letter === 'T' ? [target, ...fs.readdirSync(target).map((f) => path.join(target, f))] : [target];
        for (const file of files) expect({ file: path.relative(root, file), value: paxRecords(file).get(`SCHILY.xattr.${name}`) }).toEqual({ file: path.relative(root, file), value });
        break;
      }
      case 'a':
      case 'A': {
        // u:ID:rw → user:ID:rw- in the access ACL tar reads.
        const entry = argument!.replace(/^u:/, 'user:').replace(/^g:/, 'group:').replace(/:([rwx-]*)$/, (_, perms: string) => `:${['r', 'w', 'x'].map((c) => (perms.includes(c) ? c : '-')).join('')}`);
        const files = ours.letter === 'A' ? [target, ...fs.readdirSync(target).map((f) => path.join(target, f))] : [target];
        for (const file of files) expect(paxRecords(file).get('SCHILY.acl.access')?.split(/[,\n]/)).toContain(entry);
        break;
      }
      case 'h':
      case 'H': {
        const [sign, letters] = [argument![0], argument!.slice(1)];
        const was = attributesBefore.get(p.slice(1))!;
        const now = attributeLetters(target);
        for (const letter of letters) expect({ letter, set: now.includes(letter) }).toEqual({ letter, set: sign === '-' ? false : true });
        expect(now.replace(new RegExp(`[${letters}]`, 'g'), '')).toBe(was.replace(new RegExp(`[${letters}]`, 'g'), ''));
        break;
      }
      default:
        throw new Error(`line type ${ours.letter} is not compared: add its effect here`);
    }
  });
});
