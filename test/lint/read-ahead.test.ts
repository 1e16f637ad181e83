import fs from 'node:fs';
import path from 'node:path';
import { REPO, unitfix } from '../helpers/cli.js';
import { makeTree, removeTree, type Entry } from '../helpers/tree.js';
import type { ReadRoot } from '../../src/lint/read-roots.js';

// The reader threads run the built modules (npm test builds first): import those, so the worker file is found.
const built = path.join(REPO, 'dist/src/lint/read-ahead.js');
type ReadAheadModule = typeof import('../../src/lint/read-ahead.js');

const ELF = fs.readFileSync('/bin/true');

/** 30 store paths of every kind of content, a dangling input and a single file. */
function closure(): { base: string; paths: string[] } {
  const entries: Record<string, Entry> = {};
  for (let i = 0; i < 30; i++) {
    const p = `p${String(i).padStart(2, '0')}`;
    entries[`${p}/lib/systemd/system/u${i}.service`] = `[Service]\nExecStart=/usr/bin/u${i}\nExecStop=/bin/kill $MAINPID\n`;
    entries[`${p}/bin/u${i}`] = { exec: true, content: '#!/bin/sh\ncat /usr/share/u/data\n' };
    entries[`${p}/libexec/u/helper`] = { exec: true };
    entries[`${p}/share/doc/u/README`] = 'see /usr/share/doc\n';
    if (i % 3 === 0) entries[`${p}/lib/pkgconfig/u${i}.pc`] = 'prefix=/usr\nlibdir=${prefix}/lib\nName: u\nDescription: u\nVersion: 1\nLibs: -L${libdir}\n';
    if (i % 5 === 0) entries[`${p}/lib/tmpfiles.d/u${i}.conf`] = 'L /etc/u - - - - ../usr/share/u/u.conf\n';
    if (i % 7 === 0) entries[`${p}/lib/libu.so`] = { mode: 0o755, content: ELF.toString('latin1') };
  }
  entries['single/u.service.in'] = '[Service]\nExecStart=/usr/bin/single\n';
  const base = makeTree(entries);
  const paths = [...Array.from({ length: 30 }, (_, i) => `${base}/p${String(i).padStart(2, '0')}`), `${base}/missing`, `${base}/single/u.service.in`];
  return { base, paths };
}

/** A read root as plain data, bytes as hex, for comparing. */
function plain(r: ReadRoot): unknown {
  return {
    ...r,
    files: r.files.map((f) => ({ relative: f.relative, format: f.format, bytes: f.source.toString('hex') })),
    tree: r.tree && { files: r.tree.files, dirs: [...r.tree.dirs], links: [...r.tree.links], errors: r.tree.errors },
  };
}

async function readAll(readAhead: ReadAheadModule['readAhead'], paths: string[], deep: boolean, readers: number, limit?: number): Promise<unknown[]> {
  const formats = ['unit', 'tmpfiles', 'sysusers', 'pkgconfig', 'program'] as const;
  const reading = readAhead(paths, { deep, formats }, readers, limit);
  const roots: unknown[] = [];
  for await (const root of reading.roots) {
    // Taken before done(): once its batch is done, a root's bytes go back to the reader.
    roots.push(plain(root));
    reading.done(root);
  }
  return roots.sort((a, b) => ((a as ReadRoot).input < (b as ReadRoot).input ? -1 : 1));
}

describe('reading ahead on reader threads', () => {
  let tree: { base: string; paths: string[] };
  beforeAll(() => {
    tree = closure();
  });
  afterAll(() => removeTree(tree.base));

  test.each([false, true])('two readers read exactly what the linting thread reads itself (deep: %s)', async (deep) => {
    const { readAhead } = (await import(built)) as ReadAheadModule;
    const inThread = await readAll(readAhead, tree.paths, deep, 0);
    const threaded = await readAll(readAhead, tree.paths, deep, 2);
    expect(threaded).toEqual(inThread);
    expect(inThread).toHaveLength(32);
    const p00 = inThread.find((r) => (r as ReadRoot).input.endsWith('/p00')) as { files: { relative: string; format: string }[]; programs: string[] };
    expect(p00.programs).toEqual(['bin/u0', 'libexec/u/helper']);
    expect(p00.files.map((f) => `${f.format}:${f.relative}`)).toEqual(
      deep
        ? ['program:bin/u0', 'program:lib/libu.so', 'pkgconfig:lib/pkgconfig/u0.pc', 'unit:lib/systemd/system/u0.service', 'tmpfiles:lib/tmpfiles.d/u0.conf', 'program:libexec/u/helper']
        : ['pkgconfig:lib/pkgconfig/u0.pc', 'unit:lib/systemd/system/u0.service', 'tmpfiles:lib/tmpfiles.d/u0.conf'],
    );
    expect(inThread.find((r) => (r as ReadRoot).input.endsWith('missing'))).toMatchObject({ errors: [{ message: 'no such file or directory' }] });
  });

  test('once every root of a batch is linted, its bytes go back to the reader, which reads the next batches into them', async () => {
    const { readAhead } = (await import(built)) as ReadAheadModule;
    const formats = ['unit', 'tmpfiles', 'sysusers', 'pkgconfig', 'program'] as const;
    // Roots that came from the reader (in its 1 MiB chunks); the linting thread reads a root itself when none
    // is waiting, into buffers of its own. A run where the reader was too slow to start sent none and proves
    // nothing either way: it is run again, a few times at most.
    let sent: ReadRoot[] = [];
    for (let attempt = 0; attempt < 5 && sent.length === 0; attempt++) {
      // One KiB unread at most: the reader waits for each batch, so the count of what is unread must come back to 0 each time.
      const reading = readAhead(tree.paths, { deep: true, formats }, 1, 1);
      // Time for the reader to start and send its first batch before this thread looks for work itself.
      await new Promise((resolve) => setTimeout(resolve, 500));
      sent = [];
      let read = 0;
      for await (const root of reading.roots) {
        read++;
        if (root.files.some((f) => f.source.buffer.byteLength >= 1 << 20)) sent.push(root);
        reading.done(root);
      }
      expect(read).toBe(32);
    }
    expect(sent.length).toBeGreaterThan(0);
    // The chunks of a batch go back once its roots are done (their views are then empty), except the last
    // batches, done after the reader has ended: those are left to the collector.
    const returned = sent.filter((root) => root.files.every((f) => f.source.length === 0));
    expect(returned.length).toBeGreaterThan(0);
    expect(sent.slice(0, returned.length)).toEqual(returned);
  });

  test('a reader that may hold only one byte unread waits for each batch to be linted, and loses nothing', async () => {
    const { readAhead } = (await import(built)) as ReadAheadModule;
    expect(await readAll(readAhead, tree.paths, true, 1, 1)).toEqual(await readAll(readAhead, tree.paths, true, 0));
  });

  test.each([[[]], [['--deep']]])('unitfix lint %j reports the same with --jobs 0 and --jobs 2', async (flags) => {
    const run = async (jobs: string) => unitfix(['lint', ...flags, '--jobs', jobs, '--format', 'json', ...tree.paths], { env: { NO_COLOR: '1', PATH: '' } });
    const one = await run('0');
    const two = await run('2');
    expect(one.exitCode).toBe(2); // an input that cannot be read
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(one.stderr).toContain('missing: error: no such file or directory');
    expect(JSON.parse(one.stdout).summary.filesScanned).toBe(flags.length > 0 ? 30 + 10 + 6 + 1 + 30 + 30 + 5 : 30 + 10 + 6 + 1);
  });
});

describe('what the review of the reader found', () => {
  test('--jobs takes a whole number: 1.5 is a usage error, not a hang; more threads than cores is capped', async () => {
    const tree = closure();
    try {
      const half = await unitfix(['lint', '--jobs', '1.5', '--format', 'json', ...tree.paths], { env: { NO_COLOR: '1' } });
      expect(half.exitCode).toBe(2);
      expect(half.stderr).toContain('--jobs 1.5: give a whole number');
      const many = await unitfix(['lint', '--jobs', '64', '--format', 'json', ...tree.paths], { env: { NO_COLOR: '1' } });
      const one = await unitfix(['lint', '--jobs', '0', '--format', 'json', ...tree.paths], { env: { NO_COLOR: '1' } });
      expect(many.stdout).toBe(one.stdout);
    } finally {
      removeTree(tree.base);
    }
  });

  test('--deep: programs past a root\'s read budget are read by the linter one at a time, and still linted', async () => {
    const { READ_BUDGET, readRoot } = (await import(path.join(REPO, 'dist/src/lint/read-roots.js'))) as typeof import('../../src/lint/read-roots.js');
    const big = `#!/bin/sh\ncat /usr/share/big/data\n#${'x'.repeat(3 << 20)}\n`;
    const entries: Record<string, Entry> = {};
    for (let i = 0; i < 4; i++) entries[`out/bin/big${i}`] = { exec: true, content: big };
    const base = makeTree(entries);
    try {
      const read = readRoot(`${base}/out`, { deep: true, formats: ['program'] });
      // Two programs of 3 MiB fit the 8 MiB budget, the third would not: two are read, two are left.
      expect(READ_BUDGET).toBe(8 << 20);
      expect(read.files.map((f) => f.relative)).toEqual(['bin/big0', 'bin/big1']);
      expect(read.deferred.map((f) => f.relative)).toEqual(['bin/big2', 'bin/big3']);
      const result = await unitfix(['lint', '--deep', '--format', 'json', `${base}/out`], { env: { NO_COLOR: '1' } });
      const report = JSON.parse(result.stdout) as { findings: { ruleId: string; path: string }[] };
      expect(report.findings.filter((f) => f.ruleId === 'deep-fhs-strings').map((f) => path.basename(f.path)).sort()).toEqual(['big0', 'big1', 'big2', 'big3']);
    } finally {
      removeTree(base);
    }
  });

  test('programs behind a link to a folder count for the resolver (fixable, as unitfix fix would rewrite them)', async () => {
    const entries: Record<string, Entry> = {
      'out/lib/systemd/system/a.service': '[Service]\nExecStart=/usr/libexec/pkg2/helper\nExecStop=/usr/bin/sub/tool\n',
      'out/share/pkg2/helper': { exec: true },
      'out/libexec/pkg2': { symlink: '../share/pkg2' },
      'out/bin/real/tool': { exec: true },
      'out/bin/sub': { symlink: 'real' },
      'out/bin/loop': { symlink: 'loop' },
    };
    const base = makeTree(entries);
    try {
      const result = await unitfix(['lint', '--format', 'json', `${base}/out`], { env: { NO_COLOR: '1' } });
      const report = JSON.parse(result.stdout) as { findings: { ruleId: string; fixable: boolean; message: string }[] };
      const commands = report.findings.filter((f) => f.ruleId === 'unit-command-fhs');
      expect(commands.map((f) => f.fixable)).toEqual([true, true]);
    } finally {
      removeTree(base);
    }
  });

  test('--deep on a single executable file lints it as a program', async () => {
    const base = makeTree({ 'tool': { exec: true, content: '#!/bin/sh\ncat /usr/share/tool/data\n' } });
    try {
      const result = await unitfix(['lint', '--deep', '--format', 'json', `${base}/tool`], { env: { NO_COLOR: '1' } });
      const report = JSON.parse(result.stdout) as { summary: { filesScanned: number }; findings: { ruleId: string }[] };
      expect(report.summary.filesScanned).toBe(1);
      expect(report.findings.map((f) => f.ruleId)).toEqual(['deep-fhs-strings']);
    } finally {
      removeTree(base);
    }
  });
});
