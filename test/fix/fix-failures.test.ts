import fs from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { fixPaths, type FileOutcome } from '../../src/fix/fix.js';
import { loadFormats } from '../../src/formats/registry.js';
import type { AnyFormat } from '../../src/formats/registry.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

/**
 * One file's failure costs that file alone, in the library itself (the CLI
 * and fault-injection suites see the same through the built bundle, where a
 * mutation run cannot). Each failure is made at the step it names: after
 * discovery (onDiscovered), during planning (the loaded format's planner
 * wrapped, restored after), or in the write and sync calls (fs spied).
 */
const UNIT = '[Service]\nExecStart=/usr/bin/foo\n';
const UNITS = 'out/lib/systemd/system';
let root: string;
beforeEach(() => {
  root = makeTree({ 'out/bin/foo': EXEC, [`${UNITS}/a.service`]: UNIT, [`${UNITS}/b.service`]: UNIT, 'out/lib/tmpfiles.d/foo.conf': 'L /etc/foo - - - - /usr/bin/foo\n' });
});
afterEach(() => {
  jest.restoreAllMocks();
  removeTree(root);
});

const unit = (name: string) => `${root}/${UNITS}/${name}`;
const read = (file: string) => fs.readFileSync(file, 'utf8');
const fixedUnit = () => `[Service]\nExecStart=${root}/out/bin/foo\n`;
const byName = (files: readonly FileOutcome[]) => Object.fromEntries(files.map((f) => [path.basename(f.path), f]));
const errnoError = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });

/** Makes the temporary file of a.service impossible to create (a full disk), as the write's first step. */
function failWritesOfA(): void {
  const open = fs.openSync;
  jest.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
    if (/\/\.a\.service\.unitfix-.*\.tmp$/.test(String(file))) throw errnoError('ENOSPC', 'no space left on device, open');
    return (open as (...a: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync);
}

/** Runs BODY with the loaded unit format's planner replaced by WRAP(original); restores it after. */
async function withUnitPlanner<T>(wrap: (original: NonNullable<AnyFormat['plan']>) => AnyFormat['plan'], body: () => Promise<T>): Promise<T> {
  const format = (await loadFormats()).find((f) => f.id === 'unit')! as { plan: AnyFormat['plan'] };
  const original = format.plan!;
  format.plan = wrap(original);
  try {
    return await body();
  } finally {
    format.plan = original;
  }
}

describe('reading', () => {
  test('a file gone after discovery is an error saying so; the others are fixed', async () => {
    let discovered: readonly string[] = [];
    const report = await fixPaths({
      paths: [`${root}/out`],
      searchPath: [],
      onDiscovered: (found) => {
        discovered = found;
        fs.rmSync(unit('a.service'));
      },
    });
    expect(discovered).toEqual([unit('a.service'), unit('b.service'), `${root}/out/lib/tmpfiles.d/foo.conf`]);
    const files = byName(report.files);
    expect(files['a.service']).toEqual({ path: unit('a.service'), root: `${root}/out`, format: 'unit', status: 'error', replacements: [], problems: [], error: 'cannot read: the file disappeared' });
    expect(files['b.service']!.status).toBe('changed');
    expect(read(unit('b.service'))).toBe(fixedUnit());
  });

  test('a file that became a folder after discovery cannot be read, in the words every command uses', async () => {
    const report = await fixPaths({
      paths: [`${root}/out`],
      searchPath: [],
      onDiscovered: () => {
        fs.rmSync(unit('a.service'));
        fs.mkdirSync(unit('a.service'));
      },
    });
    expect(byName(report.files)['a.service']).toMatchObject({ status: 'error', error: 'cannot read: is a folder' });
    expect(byName(report.files)['b.service']!.status).toBe('changed');
  });

  test('a binary file named like a unit is one problem at its first NUL, left byte for byte', async () => {
    const bytes = Buffer.from('[Service]\nExecStart=/usr/bin/foo\nx\0y\n');
    fs.writeFileSync(unit('a.service'), bytes);
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(byName(report.files)['a.service']).toEqual({
      path: unit('a.service'),
      root: `${root}/out`,
      format: 'unit',
      status: 'unchanged',
      replacements: [],
      problems: [{ line: 3, column: 2, message: 'binary (a NUL byte), skipped' }],
    });
    expect(fs.readFileSync(unit('a.service')).equals(bytes)).toBe(true);
    expect(byName(report.files)['b.service']!.status).toBe('changed');
  });
});

describe('planning', () => {
  test('a planner that throws costs its file, not the run: an internal error, the file untouched', async () => {
    const report = await withUnitPlanner(
      (original) => (model, context) => {
        if (context.file.endsWith('/a.service')) throw new Error('boom');
        return original(model, context);
      },
      () => fixPaths({ paths: [`${root}/out`], searchPath: [] }),
    );
    const files = byName(report.files);
    expect(files['a.service']).toEqual({ path: unit('a.service'), root: `${root}/out`, format: 'unit', status: 'error', replacements: [], problems: [], error: 'internal error while planning: boom' });
    expect(read(unit('a.service'))).toBe(UNIT);
    expect(files['b.service']!.status).toBe('changed');
    expect(files['foo.conf']!.status).toBe('changed');
  });

  test("what systemd would refuse is said with the format's words before the tool's; a warning is said as it is", async () => {
    fs.writeFileSync(`${root}/out/lib/tmpfiles.d/foo.conf`, 'L /etc/foo - - - - /usr/bin/foo\nQ\nd /run/y 0755 - - - arg\n');
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    const problems = byName(report.files)['foo.conf']!.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(problems).toEqual([
      "2:1 systemd would ignore this line: a line needs at least a type and a path",
      "3:1 'd' lines take no argument; it is ignored",
    ]);
  });

  test('a .pc file has no refusal words: its complaints are pkg-config\'s own', async () => {
    fs.mkdirSync(`${root}/out/lib/pkgconfig`, { recursive: true });
    fs.writeFileSync(`${root}/out/lib/pkgconfig/x.pc`, 'prefix=/usr\nVersion: 1\nDescription: y\n');
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], dryRun: true });
    const pc = byName(report.files)['x.pc']!;
    expect(pc.status).toBe('changed');
    expect(pc.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(['1:1 the file has no Name field: pkgconf refuses it']);
  });
});

describe('a file that changes while it is fixed', () => {
  test('changed once between the read and the write: read again, the other writer\'s change kept and the path fixed', async () => {
    let plans = 0;
    const report = await withUnitPlanner(
      (original) => (model, context) => {
        if (context.file.endsWith('/a.service') && ++plans === 1) fs.appendFileSync(context.file, 'Environment=X=1\n');
        return original(model, context);
      },
      () => fixPaths({ paths: [`${root}/out`], searchPath: [] }),
    );
    expect(plans).toBe(2);
    expect(byName(report.files)['a.service']!.status).toBe('changed');
    expect(read(unit('a.service'))).toBe(`${fixedUnit()}Environment=X=1\n`);
  });

  test('changing at every attempt: three tries, then an error; the other writer\'s last bytes are what stays', async () => {
    let plans = 0;
    const report = await withUnitPlanner(
      (original) => (model, context) => {
        if (context.file.endsWith('/a.service')) fs.appendFileSync(context.file, `# edit ${++plans}\n`);
        return original(model, context);
      },
      () => fixPaths({ paths: [`${root}/out`], searchPath: [] }),
    );
    expect(plans).toBe(3);
    const a = byName(report.files)['a.service']!;
    expect(a).toMatchObject({ status: 'error', error: 'the file kept changing while it was being fixed; left as it is' });
    expect(a.replacements.map((r) => r.from)).toEqual(['/usr/bin/foo']);
    expect(a.before!.toString()).toBe(`${UNIT}# edit 1\n# edit 2\n`);
    expect(read(unit('a.service'))).toBe(`${UNIT}# edit 1\n# edit 2\n# edit 3\n`);
    expect(byName(report.files)['b.service']!.status).toBe('changed');
  });

  // Each change keeps what the check does not look at: whole-second times, so that a copy's time is exactly the original's.
  test.each([
    ['a longer file with its time put back', (file: string) => {
      fs.appendFileSync(file, '# x\n');
      fs.utimesSync(file, 1e9, 1e9);
    }],
    ['the same size written in place, only the time moved', (file: string) => {
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n$/, ' '));
      fs.utimesSync(file, 2e9, 2e9);
    }],
    ['the same size and time but another file (replaced by a rename)', (file: string) => {
      fs.writeFileSync(`${file}.new`, fs.readFileSync(file));
      fs.utimesSync(`${file}.new`, 1e9, 1e9);
      fs.renameSync(`${file}.new`, file);
    }],
  ])('%s counts as a change: read again', async (_name, change) => {
    let plans = 0;
    const report = await withUnitPlanner(
      (original) => (model, context) => {
        if (context.file.endsWith('/a.service') && ++plans === 1) change(context.file);
        return original(model, context);
      },
      () => {
        fs.utimesSync(unit('a.service'), 1e9, 1e9);
        return fixPaths({ paths: [`${root}/out`], searchPath: [] });
      },
    );
    expect(plans).toBe(2);
    expect(byName(report.files)['a.service']!.status).toBe('changed');
  });
});

describe('writing', () => {
  test('a write that fails is an error with the original bytes kept, on disk and in the outcome; the other files are written', async () => {
    failWritesOfA();
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], durable: false });
    const a = byName(report.files)['a.service']!;
    expect(a).toMatchObject({ status: 'error', error: 'cannot write: no space left on device' });
    expect(a.replacements.map((r) => [r.line, r.from])).toEqual([[2, '/usr/bin/foo']]);
    expect(a.before!.toString()).toBe(UNIT);
    expect(a.after).toBeUndefined();
    expect(read(unit('a.service'))).toBe(UNIT);
    expect(read(unit('b.service'))).toBe(fixedUnit());
    expect(fs.readdirSync(`${root}/${UNITS}`).sort()).toEqual(['a.service', 'b.service']);
  });

  test('a folder that cannot be synced after its renames costs the files written into it, and only those', async () => {
    fs.writeFileSync(unit('c.service'), '[Service]\nExecStart=/bin/true\n');
    const open = fs.openSync;
    const folders = new Map<number, string>();
    jest.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      const fd = (open as (...a: unknown[]) => number)(file, ...rest);
      folders.set(fd, String(file));
      return fd;
    }) as typeof fs.openSync);
    const fsync = fs.fsyncSync;
    jest.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      if (folders.get(fd) === `${root}/${UNITS}`) throw errnoError('EIO', 'i/o error, fsync');
      fsync(fd);
    });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], durable: true });
    const files = byName(report.files);
    for (const name of ['a.service', 'b.service']) {
      expect(files[name]).toMatchObject({ status: 'error', error: 'written, but the folder could not be synced: EIO: i/o error, fsync' });
      expect(files[name]!.replacements).toHaveLength(1);
      expect(read(unit(name))).toBe(fixedUnit());
    }
    expect(files['c.service']).toMatchObject({ status: 'unchanged', replacements: [] });
    expect(files['c.service']!.error).toBeUndefined();
    expect(files['foo.conf']!.status).toBe('changed');
  });
});

describe('what a run reports once', () => {
  test('a file named directly and found again in its tree, or a tree named twice, is fixed and reported once', async () => {
    const report = await fixPaths({ paths: [unit('a.service'), `${root}/out`, `${root}/out`], searchPath: [], dryRun: true });
    expect(report.files.map((f) => path.basename(f.path))).toEqual(['a.service', 'b.service', 'foo.conf']);
    const twice = await fixPaths({ paths: [unit('a.service'), unit('a.service')], searchPath: [], dryRun: true });
    expect(twice.files.map((f) => path.basename(f.path))).toEqual(['a.service']);
  });

  test('each path resolved through the fallback set is listed with its file, line and package; paths to its own outputs are not', async () => {
    const tools = makeTree({ 'bin/tool': EXEC, 'bin/foo': EXEC });
    try {
      fs.writeFileSync(unit('a.service'), '[Service]\nExecStartPre=/usr/bin/tool\nExecStart=/usr/bin/foo\n');
      fs.writeFileSync(unit('b.service'), '[Service]\nExecStart=/bin/true\n');
      const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], fallback: [tools], dryRun: true });
      expect(report.fallbackReferences).toEqual([{ path: unit('a.service'), line: 2, from: '/usr/bin/tool', to: `${tools}/bin/tool`, package: tools }]);
      const none = await fixPaths({ paths: [`${root}/out`], searchPath: [], dryRun: true });
      expect(none.fallbackReferences).toEqual([]);
      // A file that could not be written refers to nothing.
      failWritesOfA();
      const failed = await fixPaths({ paths: [`${root}/out`], searchPath: [], fallback: [tools], durable: false });
      expect(byName(failed.files)['a.service']!.status).toBe('error');
      expect(failed.fallbackReferences).toEqual([]);
    } finally {
      removeTree(tools);
    }
  });
});
