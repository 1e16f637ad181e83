import fs from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { fixPaths } from '../../src/fix/fix.js';
import { insideNixBuild, isTempFile, writeFileAtomic } from '../../src/fix/atomic-write.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

/**
 * What git and dpkg do for a file they replace: its data reach the disk before
 * the rename (else a power cut can leave an empty file under the new name),
 * and the folder after it. Watched through the calls themselves: fsync's
 * effect cannot be seen without cutting the power.
 */
describe('durable writes', () => {
  let root: string;
  let calls: string[];
  beforeEach(() => {
    root = makeTree({
      'out/bin/foo': EXEC,
      'out/lib/systemd/system/a.service': '[Service]\nExecStart=/usr/bin/foo\n',
      'out/lib/systemd/system/b.service': '[Service]\nExecStart=/usr/bin/foo --b\n',
      'out/lib/systemd/system/same.service': '[Service]\nExecStart=/bin/true\n',
      'out/lib/tmpfiles.d/foo.conf': 'L /etc/foo - - - - /usr/bin/foo\n',
    });
    calls = [];
    const fsync = fs.fsyncSync;
    const rename = fs.renameSync;
    const open = fs.openSync;
    const names = new Map<number, string>();
    jest.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      const fd = (open as (...a: unknown[]) => number)(file, ...rest);
      names.set(fd, String(file));
      return fd;
    }) as typeof fs.openSync);
    jest.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      const name = names.get(fd) ?? '?';
      calls.push(`fsync ${fs.statSync(name).isDirectory() ? path.relative(root, name) + '/' : path.basename(name).replace(/\.unitfix-.*\.tmp$/, '.tmp')}`);
      fsync(fd);
    });
    jest.spyOn(fs, 'renameSync').mockImplementation((from: fs.PathLike, to: fs.PathLike) => {
      calls.push(`rename ${path.basename(String(to))}`);
      rename(from, to);
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    removeTree(root);
  });

  test('outside a Nix build: each rewritten file synced before its rename, each of its folders once after all renames', async () => {
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], durable: true });
    expect(report.files.filter((f) => f.status === 'changed').length).toBe(3);
    expect(calls).toEqual([
      'fsync .a.service.tmp',
      'rename a.service',
      'fsync .b.service.tmp',
      'rename b.service',
      'fsync .foo.conf.tmp',
      'rename foo.conf',
      'fsync out/lib/systemd/system/',
      'fsync out/lib/tmpfiles.d/',
    ]);
  });

  test('inside a Nix build (the default there): renamed, never synced', async () => {
    await fixPaths({ paths: [`${root}/out`], searchPath: [], durable: false });
    expect(calls).toEqual(['rename a.service', 'rename b.service', 'rename foo.conf']);
  });

  test('the default follows the environment: NIX_BUILD_TOP without IN_NIX_SHELL is a build, nix-shell is not', () => {
    expect(insideNixBuild({ NIX_BUILD_TOP: '/build' })).toBe(true);
    expect(insideNixBuild({ NIX_BUILD_TOP: '/tmp/nix-shell.x', IN_NIX_SHELL: 'impure' })).toBe(false);
    expect(insideNixBuild({})).toBe(false);
  });

  test('every descriptor opened to write a file or sync a folder is closed again', async () => {
    const open = () => fs.readdirSync('/proc/self/fd').length;
    const before = open();
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], durable: true });
    expect(report.files.filter((f) => f.status === 'changed').length).toBe(3);
    expect(open()).toBe(before);
  });

  test('a failed rename leaves no temporary file, and the temporary name is one a later run recognises as its own', () => {
    const target = `${root}/out/lib/systemd/system/a.service`;
    const temps: string[] = [];
    jest.spyOn(fs, 'renameSync').mockImplementation((from: fs.PathLike) => {
      temps.push(String(from));
      throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    });
    const stat = fs.statSync(target);
    expect(() => writeFileAtomic(target, Buffer.from('new'), stat, true)).toThrow(/EXDEV/);
    expect(temps).toHaveLength(1);
    expect(path.dirname(temps[0]!)).toBe(path.dirname(target));
    expect(isTempFile(path.basename(temps[0]!))).toBe(true);
    expect(fs.readdirSync(path.dirname(target)).sort()).toEqual(['a.service', 'b.service', 'same.service']);
    expect(fs.readFileSync(target, 'utf8')).toBe('[Service]\nExecStart=/usr/bin/foo\n');
  });

  test('a name as long as a file name may be (255 bytes, multibyte letters too): the temporary name is cut to fit, at a whole letter, and still recognised', () => {
    jest.restoreAllMocks();
    const rename = fs.renameSync;
    for (const name of [`${'a'.repeat(247)}.service`, `${'é'.repeat(123)}x.service`, `${'😋'.repeat(61)}xyz.service`]) {
      expect(Buffer.byteLength(name)).toBe(255);
      const target = `${root}/out/lib/systemd/system/${name}`;
      fs.writeFileSync(target, 'old');
      const temps: string[] = [];
      jest.spyOn(fs, 'renameSync').mockImplementation((from: fs.PathLike, to: fs.PathLike) => {
        temps.push(path.basename(String(from)));
        rename(from, to);
      });
      writeFileAtomic(target, Buffer.from('new'), fs.statSync(target), false);
      jest.restoreAllMocks();
      expect(fs.readFileSync(target, 'utf8')).toBe('new');
      expect(temps).toHaveLength(1);
      const temp = temps[0]!;
      expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
      expect(Buffer.from(temp).toString()).toBe(temp);
      expect(isTempFile(temp)).toBe(true);
      expect(name.startsWith(temp.slice(1, temp.indexOf('.unitfix-')))).toBe(true);
      fs.rmSync(target);
    }
  });

  test('without being told, durable follows the environment: synced outside a Nix build, not inside one', async () => {
    const saved = { top: process.env['NIX_BUILD_TOP'], shell: process.env['IN_NIX_SHELL'] };
    delete process.env['IN_NIX_SHELL'];
    try {
      process.env['NIX_BUILD_TOP'] = '/build';
      await fixPaths({ paths: [`${root}/out`], searchPath: [], dryRun: false });
      expect(calls.filter((c) => c.startsWith('fsync'))).toEqual([]);
      fs.writeFileSync(`${root}/out/lib/systemd/system/a.service`, '[Service]\nExecStart=/usr/bin/foo\n');
      calls = [];
      delete process.env['NIX_BUILD_TOP'];
      await fixPaths({ paths: [`${root}/out`], searchPath: [] });
      expect(calls).toEqual(['fsync .a.service.tmp', 'rename a.service', 'fsync out/lib/systemd/system/']);
    } finally {
      for (const [key, value] of [['NIX_BUILD_TOP', saved.top], ['IN_NIX_SHELL', saved.shell]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  test('--dry-run syncs nothing and renames nothing', async () => {
    await fixPaths({ paths: [`${root}/out`], searchPath: [], durable: true, dryRun: true });
    expect(calls).toEqual([]);
  });
});
