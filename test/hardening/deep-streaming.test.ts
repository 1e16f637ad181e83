import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EMBEDDED, LONGEST_PATH } from '../../rules/deep-fhs-strings.js';
import { FileBytes, matchesIn, SCAN_CHUNK } from '../../src/lint/program-bytes.js';
import { READ_BUDGET } from '../../src/lint/read-roots.js';
import { lintPaths } from '../../src/lint/engine.js';
import { RULES } from '../../rules/index.js';
import { corpusDir, corpusFiles, corpusMissing } from '../helpers/corpus.js';
import { BIN, REPO } from '../helpers/cli.js';
import { makeTree, removeTree } from '../helpers/tree.js';

/**
 * --deep reads a program past the read-ahead budget a chunk at a time,
 * carrying over the bytes where a path may still begin: the findings are
 * those of one pass over the whole file, and the memory is a chunk's, not
 * the program's.
 */

/** One pass of the unbounded pattern over a whole file: what --deep found before it read in chunks. */
const WHOLE_FILE = /\/(?:usr\/(?:share|lib|libexec)|etc)\/[A-Za-z0-9._+@-][A-Za-z0-9._+@/-]*/g;

/** systemd's shared library (a few MB of ELF), in its multiarch folder. */
function systemdLibraries(): string[] {
  return fs
    .readdirSync('/usr/lib')
    .map((arch) => path.join('/usr/lib', arch, 'systemd'))
    .filter((dir) => fs.existsSync(dir) && fs.statSync(dir).isDirectory())
    .flatMap((dir) => fs.readdirSync(dir).filter((n) => n.startsWith('libsystemd-shared')).map((n) => path.join(dir, n)));
}

/** Real programs of this machine (systemd is installed wherever the suite runs) and the corpus's scripts. */
function realPrograms(): string[] {
  const libraries = systemdLibraries();
  const scripts = corpusMissing() ? [] : corpusFiles(['systemd-other']).map((e) => path.join(corpusDir(), e.path)).filter((f) => (fs.statSync(f).mode & 0o111) !== 0);
  return ['/usr/bin/systemctl', '/bin/true', process.execPath, ...libraries, ...scripts];
}

const deepRule = RULES.filter((r) => r.meta.id === 'deep-fhs-strings');

async function deepFindings(out: string): Promise<string[]> {
  const report = await lintPaths({ paths: [out], rules: deepRule, deep: true, readers: 0, storeDir: '/nix/store' });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => `${path.relative(out, f.path)}: ${f.message}`);
}

describe('--deep on programs read a chunk at a time', () => {
  test.each(realPrograms())('%s: every path at its offset, as one pass over the whole file finds it (chunks of 509 bytes, 4 KiB + 3 and 1 MiB)', (file) => {
    const whole = fs.readFileSync(file).toString('latin1');
    const expected = [...whole.matchAll(WHOLE_FILE)].map((m) => [m[0], m.index]);
    // Chunks much shorter than a path cut through most paths (node's 100 MB would take long in them).
    const chunks = whole.length < READ_BUDGET ? [509, 4099, 1 << 20] : [4099, 1 << 20];
    for (const chunk of chunks) {
      const bytes = FileBytes.open(file);
      try {
        expect([...matchesIn(bytes, EMBEDDED, LONGEST_PATH, chunk)].map((m) => [m.text, m.at])).toEqual(expected);
      } finally {
        bytes.close();
      }
    }
  });

  test('real ELF programs: the same finding, ELF sections named, whether read whole or past the budget (scanned in chunks)', async () => {
    // Both within the budget together, so the first tree's are read whole.
    const programs = ['/usr/bin/systemctl', ...systemdLibraries()];
    const padding = Buffer.alloc(READ_BUDGET + 1);
    const entries: Record<string, Buffer | { mode: number; content: string }> = {};
    programs.forEach((p, i) => {
      const bytes = fs.readFileSync(p);
      entries[`whole/bin/p${i}`] = { mode: 0o755, content: bytes.toString('latin1') };
      // Bytes after the last section change neither the sections nor the paths.
      entries[`chunked/bin/p${i}`] = { mode: 0o755, content: Buffer.concat([bytes, padding]).toString('latin1') };
    });
    const root = makeTree(entries);
    try {
      const whole = await deepFindings(path.join(root, 'whole'));
      expect(whole).toHaveLength(2);
      expect(whole[0]).toMatch(/^bin\/p0: ELF file embeds paths outside its store path: .*\(\.rodata\)/);
      expect(await deepFindings(path.join(root, 'chunked'))).toEqual(whole);
    } finally {
      removeTree(root);
    }
  });

  test('a path that spans the end of a chunk is found whole, wherever it is cut', async () => {
    // Cut inside '/usr/sh|are', after '/usr/share/|', in the name, at its first byte, and just after its last.
    const cuts: [string, number][] = [
      ['/usr/share/cut-in-prefix/x', 7],
      ['/usr/share/cut-after-prefix', 11],
      ['/usr/libexec/cut/in/the/name', 20],
      ['/etc/cut-at-start', 0],
      ['/usr/lib/cut-at-end', 19],
    ];
    const size = READ_BUDGET + 2 * SCAN_CHUNK;
    const program = Buffer.alloc(size, 0x20);
    program.write('#!/bin/sh\n', 0, 'latin1');
    cuts.forEach(([p, at], i) => program.write(p, (i + 1) * SCAN_CHUNK - at, 'latin1'));
    // And one in the last bytes of the file.
    program.write('/etc/last', size - 9, 'latin1');
    const root = makeTree({ 'out/bin/crafted': { mode: 0o755, content: program.toString('latin1') } });
    try {
      expect(await deepFindings(path.join(root, 'out'))).toEqual([`bin/crafted: script embeds paths outside its store path: ${[...cuts.map(([p]) => p), '/etc/last'].join(', ')}`]);
    } finally {
      removeTree(root);
    }
  });

  test('unitfix lint --deep on a 400 MB program, in a tree and named alone: peak memory that of a 1 KB program plus a fraction of its size, every path found', () => {
    const size = 400 << 20;
    const root = makeTree({});
    /** A sparse file: `bytes` to read, nothing written to the disk but its three paths. */
    const program = (name: string, bytes: number): string => {
      const file = path.join(root, name, 'bin/prog');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const fd = fs.openSync(file, 'w', 0o755);
      fs.writeSync(fd, '#!/bin/sh\n/usr/share/first\n', 0, 'latin1');
      fs.writeSync(fd, '/usr/share/across-a-chunk\n', bytes / 2 - 5, 'latin1');
      fs.writeSync(fd, '/etc/last', bytes - 9, 'latin1');
      fs.closeSync(fd);
      return file;
    };
    /** Peak resident memory (bytes) of `unitfix lint --deep target`, after checking what it found. */
    const peak = (target: string): number => {
      const rss = path.join(root, 'rss');
      const run = spawnSync(process.execPath, ['--max-old-space-size=48', '--import', path.join(REPO, 'bench/rss.js'), BIN, 'lint', '--deep', '--format', 'json', target], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', UNITFIX_BENCH_RSS: rss },
      });
      expect(run.status).toBe(0);
      const { findings } = JSON.parse(run.stdout) as { findings: { message: string }[] };
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe('script embeds paths outside its store path: /usr/share/first, /usr/share/across-a-chunk, /etc/last');
      return Number(fs.readFileSync(rss, 'utf8')) * 1024;
    };
    const big = program('big', size);
    const small = program('small', 1024);
    try {
      for (const [target, baseline] of [
        [path.dirname(path.dirname(big)), path.dirname(path.dirname(small))],
        [big, small],
      ] as const) {
        // Judged against the same run on a 1 KB program, on this machine: Node's own
        // footprint varies with the kernel (transparent huge pages) and the load.
        // Read whole, the program alone is 400 MB (and was held about four times over).
        expect(peak(target) - peak(baseline)).toBeLessThan(size / 8);
      }
    } finally {
      removeTree(root);
    }
  }, 180_000);
});
