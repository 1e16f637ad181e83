import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { parseUdevRules } from '../../src/formats/udev/parse.js';
import { udevPrograms } from '../../src/formats/udev/programs.js';
import { SYSTEMD_UDEV_HELPERS } from '../../src/formats/udev/builtins.js';
import { fhsFileRelative } from '../../src/resolve/fhs-path.js';
import { describeIfCorpusAndTool } from '../helpers/corpus.js';
import { layOut, packagesWith } from '../helpers/corpus-outputs.js';

/**
 * The installed udevadm as the oracle. systemd ≥ 254 has `udevadm verify`:
 * every rewritten file must verify with the messages of the original. Older
 * ones (Debian 12's 252) only have `udevadm test`, which loads the rules of
 * the real folders and applies them to a device: it runs in a private mount
 * namespace with empty folders over the rules, the database and /dev/char,
 * on /sys/devices/virtual/mem/null, which every machine has.
 */
const hasVerify = spawnSync('udevadm', ['verify', '--help'], { stdio: 'ignore' }).status === 0;
const RULES_FOLDERS = ['/etc/udev/rules.d', '/usr/lib/udev/rules.d', '/usr/local/lib/udev/rules.d', '/lib/udev/rules.d'];

/** udevadm test over exactly the given rules files; its output lines. */
function udevadmTest(folder: string): string[] {
  const script = [
    'set -e',
    'mkdir -p /run/udev',
    'mount -t tmpfs unitfix-oracle /run/udev',
    'mkdir -p /run/udev/rules.d',
    ...RULES_FOLDERS.map((d) => `if [ -d ${d} ] && ! mountpoint -q ${d}; then mount -t tmpfs unitfix-oracle ${d}; fi`),
    'if [ -d /dev/char ]; then mount -t tmpfs unitfix-oracle /dev/char; fi',
    `cp "$1"/*.rules /etc/udev/rules.d/`,
    'udevadm test --action=add /sys/devices/virtual/mem/null 2>&1',
  ].join('\n');
  const run = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', folder], { encoding: 'latin1', maxBuffer: 256 << 20 });
  if (run.status !== 0) throw new Error(`udevadm test failed (${run.status}): ${run.stdout}${run.stderr}`);
  return run.stdout.split('\n');
}

/** What udevadm says about the rules files themselves (what it would say when loading them), paths made relative. */
function fileMessages(lines: readonly string[], folder: string): string[] {
  return lines
    .map((l) => l.replaceAll(folder, '<dir>').replaceAll('/etc/udev/rules.d/', ''))
    .filter((l) => /\.rules:\d+/.test(l) && !/ RUN '| Running PROGRAM | Importing properties /.test(l))
    .sort();
}

function verifyMessages(folder: string): string[] {
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.rules')).map((f) => path.join(folder, f));
  const run = spawnSync('udevadm', ['verify', '--resolve-names=never', '--no-summary', ...files], { encoding: 'latin1' });
  return `${run.stdout}${run.stderr}`.split('\n').filter((l) => l !== '').map((l) => l.replaceAll(folder, '<dir>')).sort();
}

/** Values the corpus does not have: escaped quotes, e"…" escapes, continued rules, comments inside them, no separators. */
const HANDMADE = [
  'SUBSYSTEM=="mem", KERNEL=="null", RUN+="/bin/echo \\"a b\\" \'c d\' back\\slash"',
  'SUBSYSTEM=="mem", KERNEL=="null", RUN+=e"/bin/echo \\x41\\t\\"q\\" \\\\"',
  'SUBSYSTEM=="mem", \\',
  '# a comment inside a continued rule is skipped',
  '   KERNEL=="null", RUN+="/usr/bin/first", \\',
  '\tRUN+="second"',
  'SUBSYSTEM=="mem",KERNEL=="null",RUN+="no-separator-needed"RUN +=  "spaced"',
  'SUBSYSTEM=="mem", KERNEL=="null", RUN{program}+="/bin/true %k $env{X}"',
];

describeIfCorpusAndTool('udevadm', 'Debian udev rules rewritten by unitfix fix, read by the installed udevadm', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-udev-oracle-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const packages = [...packagesWith(['udev-rules']).entries()];
  const originals = path.join(scratch, 'originals');
  const rewritten = path.join(scratch, 'rewritten');
  fs.mkdirSync(originals);
  fs.mkdirSync(rewritten);
  /** Per rewritten file: its replacements (line, from, to). */
  const replaced = new Map<string, { line: number; from: string; to: string }[]>();

  beforeAll(async () => {
    for (const [pkg, entries] of packages) {
      const out = path.join(scratch, pkg, 'out');
      const dep = path.join(scratch, pkg, 'dep');
      const files = layOut(entries, out).filter((f) => !fs.lstatSync(f).isSymbolicLink());
      // Every program the rules name, as an executable stub: absolute ones in a dependency,
      // helpers run from udev's folder in the package's own lib/udev (systemd's own left out).
      for (const file of files) {
        for (const { argv } of udevPrograms(parseUdevRules(fs.readFileSync(file)))) {
          const name = argv[0]?.value ?? '';
          if (name === '' || /[%$]/.test(name)) continue;
          const stub = name.startsWith('/') ? path.join(dep, fhsFileRelative(name) ?? 'x/none') : SYSTEMD_UDEV_HELPERS.has(name) ? undefined : path.join(out, 'lib/udev', name);
          if (!stub) continue;
          fs.mkdirSync(path.dirname(stub), { recursive: true });
          fs.writeFileSync(stub, '#!/bin/sh\n', { mode: 0o755 });
        }
        const name = `${pkg}--${path.basename(file)}`;
        fs.copyFileSync(file, path.join(originals, name));
      }
      const report = await fixPaths({ paths: [out], searchPath: [], dependencies: [dep], storeDir: '/nix/store', durable: false });
      for (const outcome of report.files) {
        const name = `${pkg}--${path.basename(outcome.path)}`;
        expect(outcome.status).not.toBe('error');
        fs.copyFileSync(outcome.path, path.join(rewritten, name));
        replaced.set(name, outcome.replacements.map((r) => ({ line: r.line, from: r.from, to: r.to })));
      }
    }
  });

  test('the fixer rewrote programs in most packages (the corpus exercises it)', () => {
    const total = [...replaced.values()].reduce((n, r) => n + r.length, 0);
    expect(total).toBeGreaterThanOrEqual(30);
  });

  if (hasVerify) {
    test('udevadm verify: every rewritten file gives the messages of its original, no new one', () => {
      expect(verifyMessages(rewritten)).toEqual(verifyMessages(originals));
    });
  } else {
    test('udevadm test: loading the rewritten files gives the messages of the originals, no new one', () => {
      // Every file behind a GOTO to its end: loaded and checked, never applied (no program runs).
      const wrap = (from: string, to: string): void => {
        fs.mkdirSync(to);
        for (const f of fs.readdirSync(from)) fs.writeFileSync(path.join(to, f), Buffer.concat([Buffer.from('GOTO="unitfix_oracle_end"\n'), fs.readFileSync(path.join(from, f)), Buffer.from('\nLABEL="unitfix_oracle_end"\n')]));
      };
      wrap(originals, path.join(scratch, 'wrapped-originals'));
      wrap(rewritten, path.join(scratch, 'wrapped-rewritten'));
      const before = fileMessages(udevadmTest(path.join(scratch, 'wrapped-originals')), path.join(scratch, 'wrapped-originals'));
      const after = fileMessages(udevadmTest(path.join(scratch, 'wrapped-rewritten')), path.join(scratch, 'wrapped-rewritten'));
      expect(after).toEqual(before);
    });
  }

  test('udevadm reads each program value as the parser does, and each rewritten one as the original with its program replaced', () => {
    // One crafted rule per program, matching /dev/null: RUN values are logged, never run, by udevadm test.
    const crafted: string[] = [];
    const expected: string[] = [];
    for (const name of fs.readdirSync(rewritten).sort()) {
      const before = parseUdevRules(fs.readFileSync(path.join(originals, name)));
      const after = parseUdevRules(fs.readFileSync(path.join(rewritten, name)));
      const programsBefore = udevPrograms(before);
      const programsAfter = udevPrograms(after);
      expect(programsAfter.length).toBe(programsBefore.length);
      programsAfter.forEach((p, i) => {
        const source = after.text.slice(p.token.valueSpan.start, p.token.valueSpan.end);
        if (source.includes('\n')) return;
        const old = programsBefore[i]!.token.value;
        const change = replaced.get(name)!.find((r) => r.from === programsBefore[i]!.argv[0]?.value && old.trimStart().startsWith(r.from));
        const want = change ? old.replace(change.from, change.to) : old;
        expect(p.token.value).toBe(want);
        crafted.push(`SUBSYSTEM=="mem", KERNEL=="null", RUN+=${source}`);
        expected.push(want);
      });
    }
    expect(crafted.length).toBeGreaterThanOrEqual(50);
    const folder = path.join(scratch, 'crafted');
    fs.mkdirSync(folder);
    const text = [...crafted, ...HANDMADE].join('\n') + '\n';
    fs.writeFileSync(path.join(folder, '50-unitfix-oracle.rules'), text, 'latin1');
    if (hasVerify) {
      expect(verifyMessages(folder)).toEqual([]);
      return;
    }
    // What the parser makes of the crafted file: per rule (by the line udev names), its RUN values.
    const parsed = parseUdevRules(Buffer.from(text, 'latin1'));
    const ours = parsed.rules.flatMap((r) => r.tokens.filter((t) => t.key === 'RUN').map((t) => `${r.line} ${t.value}`));
    expect(ours.slice(0, expected.length).map((l) => l.slice(l.indexOf(' ') + 1))).toEqual(expected);
    const logged: string[] = [];
    for (const line of udevadmTest(folder)) {
      const m = /50-unitfix-oracle\.rules:(\d+) RUN '(.*)'$/.exec(line);
      if (m) logged.push(`${m[1]} ${m[2]}`);
    }
    expect(logged).toEqual(ours);
  });
});
