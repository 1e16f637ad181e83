import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { fhsFileRelative } from '../../src/resolve/fhs-path.js';
import { describeIfCorpusAndTool } from '../helpers/corpus.js';
import { layOut, packagesWith } from '../helpers/corpus-outputs.js';

/** Every path below root with what systemd-tmpfiles made of it. */
function snapshot(root: string): Map<string, string> {
  const result = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const stat = fs.lstatSync(full);
      const key = path.relative(root, full);
      if (entry.isSymbolicLink()) result.set(key, `link ${fs.readlinkSync(full)}`);
      else if (entry.isDirectory()) {
        result.set(key, `dir ${(stat.mode & 0o7777).toString(8)}`);
        walk(full);
      } else result.set(key, `${entry.isFIFO() ? 'fifo' : 'file'} ${(stat.mode & 0o7777).toString(8)} ${entry.isFile() ? fs.readFileSync(full, 'base64') : ''}`);
    }
  };
  walk(root);
  return result;
}

function apply(conf: string, root: string): void {
  fs.mkdirSync(root, { recursive: true });
  spawnSync('systemd-tmpfiles', [`--root=${root}`, '--create', '--boot', conf], { encoding: 'utf8' });
}

describeIfCorpusAndTool('systemd-tmpfiles', 'Debian tmpfiles.d rewritten by unitfix fix, applied by systemd-tmpfiles', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-tmpfiles-apply-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const packages = [...packagesWith(['tmpfiles']).entries()];
  let rewritten = 0;

  test.each(packages.map(([name, entries]) => [name, entries] as const))('%s', async (pkg, entries) => {
    const out = path.join(scratch, pkg, 'out');
    const dep = path.join(scratch, pkg, 'dep');
    const files = layOut(entries, out).filter((f) => !fs.lstatSync(f).isSymbolicLink());
    const originals = new Map(files.map((f) => [f, fs.readFileSync(f)]));
    // A dependency holding every /usr file the lines point at, as a package would.
    for (const file of files) {
      for (const entry of parseTmpfiles(originals.get(file)!).entries) {
        if (!entry.argument || (entry.letter !== 'L' && entry.letter !== 'C')) continue;
        const value = entry.argument.value;
        const absolute = value.startsWith('/') ? value : path.posix.normalize(path.posix.join(path.posix.dirname(entry.path.value!), value));
        const relative = fhsFileRelative(absolute);
        if (relative === undefined) continue;
        fs.mkdirSync(path.dirname(path.join(dep, relative)), { recursive: true });
        fs.writeFileSync(path.join(dep, relative), `stub for ${absolute}\n`);
      }
    }
    const report = await fixPaths({ paths: [out], searchPath: [], dependencies: [dep], storeDir: '/nix/store' });
    // Per file: the path each rewritten line makes, and where its link now points.
    const changedByFile = new Map<string, Map<string, string>>();
    for (const f of report.files) {
      expect(f.status).not.toBe('error');
      if (f.status !== 'changed') continue;
      rewritten++;
      const parsed = parseTmpfiles(fs.readFileSync(f.path));
      const changed = new Map<string, string>();
      for (const r of f.replacements) {
        const entry = parsed.entries.find((e) => e.line === r.line)!;
        changed.set(entry.path.value!.replace(/^\//, ''), r.to);
      }
      changedByFile.set(f.path, changed);
    }
    for (const file of files) {
      const name = path.relative(out, file).replaceAll('/', '_');
      const before = path.join(scratch, pkg, 'before', name);
      const after = path.join(scratch, pkg, 'after', name);
      fs.writeFileSync(path.join(scratch, pkg, `${name}.orig`), originals.get(file)!);
      apply(path.join(scratch, pkg, `${name}.orig`), before);
      apply(file, after);
      const changedPaths = changedByFile.get(fs.realpathSync(file)) ?? new Map<string, string>();
      const was = snapshot(before);
      const now = snapshot(after);
      const differences = [...new Set([...was.keys(), ...now.keys()])].filter((k) => was.get(k) !== now.get(k));
      // Every rewritten line's link was made, pointing at the file in the store path.
      for (const [key, to] of changedPaths) expect(now.get(key)).toBe(`link ${to}`);
      for (const key of differences) {
        // Only rewritten lines may differ, and a rewritten link now points at the file in the store path.
        expect(changedPaths.has(key)).toBe(true);
        expect(now.get(key)).toBe(`link ${changedPaths.get(key)}`);
        expect(fs.existsSync(changedPaths.get(key)!)).toBe(true);
      }
    }
  });

  test('the corpus has a /usr link to rewrite (systemd: /var/log/README), and systemd-tmpfiles made it', () => {
    expect(rewritten).toBeGreaterThanOrEqual(1);
    const link = path.join(scratch, 'systemd', 'after', 'lib_tmpfiles.d_legacy.conf', 'var/log/README');
    expect(fs.readlinkSync(link)).toBe(path.join(scratch, 'systemd/dep/share/doc/systemd/README.logs'));
  });
});
