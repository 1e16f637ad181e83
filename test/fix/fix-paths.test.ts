import { execFileSync } from 'node:child_process';
import { jest } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

const UNIT = '[Service]\nExecStart=/usr/bin/foo\n';
let roots: string[] = [];
afterEach(() => {
  roots.forEach(removeTree);
  roots = [];
});

function tree(entries: Parameters<typeof makeTree>[0]): string {
  const root = makeTree(entries);
  roots.push(root);
  return root;
}

const fixed = (root: string) => `[Service]\nExecStart=${root}/out/bin/foo\n`;
const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('fixPaths on real trees', () => {
  test('rewrites in place, keeping mode and modification time', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': { mode: 0o444, content: UNIT } });
    const unit = `${root}/out/lib/systemd/system/foo.service`;
    const old = new Date('2001-02-03T04:05:06Z');
    fs.utimesSync(unit, old, old);
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => f.status)).toEqual(['changed']);
    expect(read(unit)).toBe(fixed(root));
    const stat = fs.statSync(unit);
    expect(stat.mode & 0o7777).toBe(0o444);
    expect(stat.mtime.getTime()).toBe(old.getTime());
    expect(fs.readdirSync(path.dirname(unit))).toEqual(['foo.service']);
  });

  test('is idempotent: a second run changes nothing and writes nothing', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': UNIT });
    await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    const unit = `${root}/out/lib/systemd/system/foo.service`;
    const inode = fs.statSync(unit).ino;
    const second = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(second.files.map((f) => f.status)).toEqual(['unchanged']);
    expect(fs.statSync(unit).ino).toBe(inode);
  });

  test('--dry-run writes nothing but says what would change', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': UNIT });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], dryRun: true });
    expect(report.files[0]!.after!.toString()).toBe(fixed(root));
    expect(read(`${root}/out/lib/systemd/system/foo.service`)).toBe(UNIT);
  });

  test('finds units, templates and drop-ins in every unit folder, and nothing else', async () => {
    const root = tree({
      'out/bin/foo': EXEC,
      'out/lib/systemd/system/a.service': UNIT,
      'out/lib/systemd/system/b@.service': UNIT,
      'out/lib/systemd/system/b@.service.d/override.conf': UNIT,
      'out/lib/systemd/system/service.d/all.conf': UNIT,
      'out/lib/systemd/user/c.service': UNIT,
      'out/share/systemd/user/d.service': UNIT,
      'out/etc/systemd/system/e.service': UNIT,
      'out/lib/systemd/system-preset/90-foo.preset': 'enable a.service\n',
      'out/lib/systemd/system/README': UNIT,
      'out/lib/systemd/system/notes.conf': UNIT,
      'out/share/doc/x.service': UNIT,
    });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    const names = report.files.map((f) => path.relative(`${root}/out`, f.path)).sort();
    expect(names).toEqual([
      'etc/systemd/system/e.service',
      'lib/systemd/system/a.service',
      'lib/systemd/system/b@.service',
      'lib/systemd/system/b@.service.d/override.conf',
      'lib/systemd/system/service.d/all.conf',
      'lib/systemd/user/c.service',
      'share/systemd/user/d.service',
    ]);
    expect(report.files.every((f) => f.status === 'changed')).toBe(true);
  });

  test('never follows a symlink out of the tree; links inside are fixed once, at their target', async () => {
    const root = tree({
      'outside/ext.service': UNIT,
      'out/bin/foo': EXEC,
      'out/share/systemd/user/u.service': UNIT,
      'out/lib/systemd/user': { symlink: '../../share/systemd/user' },
      'out/lib/systemd/system/real.service': UNIT,
      'out/lib/systemd/system/alias.service': { symlink: 'real.service' },
      'out/lib/systemd/system/multi-user.target.wants/real.service': { symlink: '../real.service' },
      'out/lib/systemd/system/ext.service': { symlink: '../../../../outside/ext.service' },
      'out/lib/systemd/system/masked.service': { symlink: '/dev/null' },
      'out/lib/systemd/system/loop.service': { symlink: 'loop.service' },
      'out/lib/systemd/system/dangling.service': { symlink: 'nowhere.service' },
    });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => path.relative(root, f.path)).sort()).toEqual(['out/lib/systemd/system/real.service', 'out/share/systemd/user/u.service']);
    expect(read(`${root}/outside/ext.service`)).toBe(UNIT);
    expect(fs.lstatSync(`${root}/out/lib/systemd/system/alias.service`).isSymbolicLink()).toBe(true);
    expect(read(`${root}/out/lib/systemd/system/alias.service`)).toBe(fixed(root));
    const reasons = report.skipped.map((s) => `${path.basename(s.path)}: ${s.reason.replace(/\(to .*\)/, '(to …)')}`).sort();
    expect(reasons).toEqual([
      'dangling.service: dangling symlink',
      'ext.service: symlink leaves the tree (to …); not followed',
      'loop.service: symlink loop',
      'masked.service: symlink leaves the tree (to …); not followed',
    ]);
  });

  test('FIFOs and folders named like units are never opened', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/dir.service/inner.txt': 'x', 'out/lib/systemd/system/ok.service': UNIT });
    execFileSync('mkfifo', [`${root}/out/lib/systemd/system/fifo.service`]);
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => path.basename(f.path))).toEqual(['ok.service']);
  });

  test('temporary files of a killed run are removed; those of a live run are kept', async () => {
    const root = tree({
      'out/lib/systemd/system/.a.service.unitfix-999999999-abc.tmp': 'half',
      [`out/lib/systemd/system/.b.service.unitfix-${process.pid}-abc.tmp`]: 'ours',
      'out/lib/systemd/system/a.service': '[Unit]\n',
    });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.removedTempFiles.map((f) => path.basename(f))).toEqual(['.a.service.unitfix-999999999-abc.tmp']);
    expect(fs.readdirSync(`${root}/out/lib/systemd/system`).sort()).toEqual([`.b.service.unitfix-${process.pid}-abc.tmp`, 'a.service']);
  });

  test('resolves against every output given, not only the one being fixed', async () => {
    const root = tree({ 'bin/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': UNIT });
    await fixPaths({ paths: [`${root}/out`], outputs: [`${root}/out`, `${root}/bin`], searchPath: [] });
    expect(read(`${root}/out/lib/systemd/system/foo.service`)).toBe(`[Service]\nExecStart=${root}/bin/bin/foo\n`);
  });

  test('a single unit file can be named directly', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'src/foo.service': UNIT });
    const report = await fixPaths({ paths: [`${root}/src/foo.service`], outputs: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => f.status)).toEqual(['changed']);
  });

  test('a path that does not exist is reported, the others still fixed', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': UNIT });
    const report = await fixPaths({ paths: [`${root}/missing`, `${root}/out`], outputs: [`${root}/out`], searchPath: [] });
    expect(report.skipped).toEqual([{ path: `${root}/missing`, reason: 'no such file or directory' }]);
    expect(report.files.map((f) => f.status)).toEqual(['changed']);
  });

  test('bytes that are not UTF-8 elsewhere in the file survive a rewrite', async () => {
    const bytes = Buffer.from('# caf\xe9\n[Service]\nExecStart=/usr/bin/foo\n', 'latin1');
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': bytes });
    await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    const after = fs.readFileSync(`${root}/out/lib/systemd/system/foo.service`);
    expect(after.equals(Buffer.from(`# caf\xe9\n[Service]\nExecStart=${root}/out/bin/foo\n`, 'latin1'))).toBe(true);
  });
});

describe('privileges across a unit and its drop-ins', () => {
  const SUDO = '[Service]\nExecStart=/usr/bin/sudo -u x true\n';
  test.each([
    ['User= in a drop-in of the unit', { 'foo.service': SUDO, 'foo.service.d/user.conf': '[Service]\nUser=nobody\n' }, 'foo.service', '/run/wrappers/bin/sudo'],
    ['User= in a type-wide drop-in', { 'foo.service': SUDO, 'service.d/user.conf': '[Service]\nDynamicUser=yes\n' }, 'foo.service', '/run/wrappers/bin/sudo'],
    ['a drop-in whose unit sets User=', { 'foo.service': '[Service]\nUser=nobody\n', 'foo.service.d/exec.conf': SUDO }, 'foo.service.d/exec.conf', '/run/wrappers/bin/sudo'],
    ['a drop-in whose unit runs as root', { 'foo.service': '[Service]\nType=simple\n', 'foo.service.d/exec.conf': SUDO }, 'foo.service.d/exec.conf', 'out/bin/sudo'],
    ['a drop-in resetting User= back to root', { 'foo.service': SUDO.replace('[Service]\n', '[Service]\nUser=nobody\n'), 'foo.service.d/root.conf': '[Service]\nUser=\n' }, 'foo.service', 'out/bin/sudo'],
    ['a drop-in without its unit', { 'foo.service.d/exec.conf': SUDO }, 'foo.service.d/exec.conf', '/run/wrappers/bin/sudo'],
    // systemd sorts drop-ins by byte (strcmp): Z.conf before a.conf, so a.conf's User= is the one that counts.
    ['drop-ins in byte order, not dictionary order', { 'foo.service': SUDO, 'foo.service.d/Z.conf': '[Service]\nUser=root\n', 'foo.service.d/a.conf': '[Service]\nUser=nobody\n' }, 'foo.service', '/run/wrappers/bin/sudo'],
    ['drop-ins in byte order, the other way', { 'foo.service': SUDO, 'foo.service.d/Z.conf': '[Service]\nUser=nobody\n', 'foo.service.d/a.conf': '[Service]\nUser=root\n' }, 'foo.service', 'out/bin/sudo'],
    // The unit's own and the type-wide drop-ins form one list in byte order of their names (unitDropIns, held to systemd-analyze).
    ['own and type-wide drop-ins by name: the own b.conf last', { 'foo.service': SUDO, 'foo.service.d/b.conf': '[Service]\nUser=root\n', 'service.d/a.conf': '[Service]\nUser=nobody\n' }, 'foo.service', 'out/bin/sudo'],
    ['own and type-wide drop-ins by name: the type-wide b.conf last', { 'foo.service': SUDO, 'foo.service.d/a.conf': '[Service]\nUser=root\n', 'service.d/b.conf': '[Service]\nUser=nobody\n' }, 'foo.service', '/run/wrappers/bin/sudo'],
    ['a type-wide drop-in hidden by the own one of the same name', { 'foo.service': SUDO, 'foo.service.d/x.conf': '[Service]\nUser=root\n', 'service.d/x.conf': '[Service]\nUser=nobody\n' }, 'foo.service', 'out/bin/sudo'],
    ['User= in a prefix drop-in (foo-.service.d for foo-bar.service)', { 'foo-bar.service': SUDO, 'foo-.service.d/user.conf': '[Service]\nUser=nobody\n' }, 'foo-bar.service', '/run/wrappers/bin/sudo'],
    ['User= in a prefix drop-in of a template (foo-@.service.d)', { 'foo-bar@.service': SUDO, 'foo-@.service.d/user.conf': '[Service]\nUser=nobody\n' }, 'foo-bar@.service', '/run/wrappers/bin/sudo'],
    ['a drop-in not named *.conf is not read', { 'foo.service': SUDO, 'foo.service.d/user.conf.disabled': '[Service]\nUser=nobody\n' }, 'foo.service', 'out/bin/sudo'],
    ['a drop-in of another unit is not read', { 'foo.service': SUDO, 'foobar.service.d/user.conf': '[Service]\nUser=nobody\n' }, 'foo.service', 'out/bin/sudo'],
  ])('%s', async (_name, files, target, expected) => {
    const root = tree({ 'out/bin/sudo': EXEC, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`out/lib/systemd/system/${k}`, v])) });
    await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    const text = read(`${root}/out/lib/systemd/system/${target}`);
    expect(text).toContain(`ExecStart=${expected.startsWith('/') ? expected : `${root}/${expected}`} -u x true`);
  });
});

test('a unit file is read once: its drop-ins share the parse planning made, and without drop-ins nothing is kept', async () => {
  const SUDO = '[Service]\nExecStart=/usr/bin/sudo -u x true\n';
  const root = tree({
    'out/bin/sudo': EXEC,
    'out/lib/systemd/system/alone.service': SUDO,
    'out/lib/systemd/system/foo.service': SUDO,
    'out/lib/systemd/system/foo.service.d/user.conf': '[Service]\nUser=nobody\n',
  });
  const reads = new Map<string, number>();
  const count = (file: unknown) => {
    if (typeof file === 'string' && file.endsWith('.service')) reads.set(path.basename(file), (reads.get(path.basename(file)) ?? 0) + 1);
  };
  const open = fs.openSync;
  const readFile = fs.readFileSync;
  const opens = jest.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
    if (rest[0] === 'r') count(file);
    return (open as (...a: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync);
  const readFiles = jest.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    count(file);
    return (readFile as (...a: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync);
  try {
    await fixPaths({ paths: [`${root}/out`], searchPath: [], dryRun: true });
  } finally {
    opens.mockRestore();
    readFiles.mockRestore();
  }
  expect(Object.fromEntries(reads)).toEqual({ 'alone.service': 1, 'foo.service': 1 });
});

test('a path component that is a file (ENOTDIR) is "not found", and the other units are still fixed', async () => {
  const root = makeTree({ 'out/bin/foo': EXEC, 'out/lib/foo': 'a file, not a folder', 'out/lib/systemd/system/a.service': '[Service]\nExecStart=/usr/lib/foo/helper\n', 'out/lib/systemd/system/b.service': UNIT });
  try {
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([['a.service', 'unchanged'], ['b.service', 'changed']]);
  } finally {
    removeTree(root);
  }
});

describe('discovery: which files a run finds, and what it refuses to walk', () => {
  test('a link to a unit file elsewhere in the tree is fixed at its target; a link named like no unit, or to a FIFO, is not followed', async () => {
    const root = tree({
      'out/bin/foo': EXEC,
      'out/share/foo/foo.service': UNIT,
      'out/share/foo/notes.txt': UNIT,
      'out/lib/systemd/system/foo.service': { symlink: '../../../share/foo/foo.service' },
      'out/lib/systemd/system/notes': { symlink: '../../../share/foo/notes.txt' },
      'out/lib/systemd/system/fifo.service': { symlink: '../../../share/foo/fifo' },
    });
    execFileSync('mkfifo', [`${root}/out/share/foo/fifo`]);
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => path.relative(root, f.path))).toEqual(['out/share/foo/foo.service']);
    expect(read(`${root}/out/share/foo/foo.service`)).toBe(fixed(root));
    expect(read(`${root}/out/share/foo/notes.txt`)).toBe(UNIT);
    expect(fs.lstatSync(`${root}/out/lib/systemd/system/foo.service`).isSymbolicLink()).toBe(true);
  });

  test('a drop-in folder linked from elsewhere in the tree: its drop-ins are fixed at their real place, as systemd reads them through the link', async () => {
    const root = tree({
      'out/bin/foo': EXEC,
      'out/share/foo/dropins/exec.conf': UNIT,
      'out/share/foo/dropins/nested/notes.conf': UNIT,
      'out/lib/systemd/system/foo.service': '[Unit]\nDescription=foo\n',
      'out/lib/systemd/system/foo.service.d': { symlink: '../../../share/foo/dropins' },
    });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    // A folder below a drop-in folder is no drop-in folder: systemd reads only the .conf files in it.
    expect(report.files.map((f) => path.relative(root, f.path))).toEqual(['out/lib/systemd/system/foo.service', 'out/share/foo/dropins/exec.conf']);
    expect(read(`${root}/out/share/foo/dropins/exec.conf`)).toBe(fixed(root));
    expect(read(`${root}/out/share/foo/dropins/nested/notes.conf`)).toBe(UNIT);
    expect(fs.lstatSync(`${root}/out/lib/systemd/system/foo.service.d`).isSymbolicLink()).toBe(true);
  });

  test('a link to its own folder is walked once, not forever', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/a.service': UNIT, 'out/lib/systemd/system/again': { symlink: '.' } });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => path.relative(root, f.path))).toEqual(['out/lib/systemd/system/a.service']);
  });

  test('a unit folder that is a link out of the tree is not walked, and is reported', async () => {
    const root = tree({
      'outside/system/ext.service': UNIT,
      'out/bin/foo': EXEC,
      'out/lib/systemd/user/u.service': UNIT,
      'out/lib/systemd/system': { symlink: '../../../outside/system' },
    });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => path.relative(root, f.path))).toEqual(['out/lib/systemd/user/u.service']);
    expect(read(`${root}/outside/system/ext.service`)).toBe(UNIT);
    expect(report.skipped).toEqual([{ path: `${root}/out/lib/systemd/system`, reason: `symlink leaves the tree (to ${root}/outside/system); not followed` }]);
  });

  test('a file where a unit folder would be is not a folder to walk (nothing reported)', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system': 'not a folder', 'out/lib/systemd/user/u.service': UNIT });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => path.relative(root, f.path))).toEqual(['out/lib/systemd/user/u.service']);
    expect(report.skipped).toEqual([]);
  });

  test('files are reported in byte order of their names, whatever order the folder lists them in', async () => {
    const names = ['b.service', 'B.service', 'a.service', '_.service', 'a-b.service', 'z.service', 'A.service', '0.service', 'ab.service', 'a@.service'];
    const root = tree(Object.fromEntries([['out/bin/foo', EXEC], ...names.map((n) => [`out/lib/systemd/system/${n}`, UNIT])]));
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], dryRun: true });
    expect(report.files.map((f) => path.basename(f.path))).toEqual([...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
  });

  test('a name that is not UTF-8 is reported, not read', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/a.service': UNIT });
    const folder = `${root}/out/lib/systemd/system`;
    fs.writeFileSync(Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from('.service')]), UNIT);
    fs.writeFileSync(Buffer.concat([Buffer.from(`${folder}/b`), Buffer.from([0xff]), Buffer.from('.service')]), UNIT);
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => path.basename(f.path))).toEqual(['a.service']);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      'the name is not UTF-8 (systemd accepts no such unit name); not read',
      'the name is not UTF-8 (systemd accepts no such unit name); not read',
    ]);
    expect(report.skipped.map((s) => path.dirname(s.path))).toEqual([folder, folder]);
  });

  test('a folder with none of the folders unitfix reads is reported, not walked', async () => {
    const root = tree({ 'checkout/src/a.service': UNIT });
    const report = await fixPaths({ paths: [`${root}/checkout`], searchPath: [] });
    expect(report.files).toEqual([]);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]!.reason).toMatch(/^no file to fix: it has none of the folders unitfix reads \(.*\); name files outside them one by one$/);
  });

  test('temporary files of a live run of another process are kept too', async () => {
    const live = process.ppid;
    const root = tree({ [`out/lib/systemd/system/.c.service.unitfix-${live}-abc.tmp`]: 'theirs', 'out/lib/systemd/system/a.service': '[Unit]\n' });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.removedTempFiles).toEqual([]);
    expect(fs.readdirSync(`${root}/out/lib/systemd/system`).sort()).toEqual([`.c.service.unitfix-${live}-abc.tmp`, 'a.service']);
  });
});

describe('fixPaths options', () => {
  test('formats: only the planners named run (lint --fix names those of its rules)', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/a.service': UNIT, 'out/lib/pkgconfig/a.pc': 'prefix=/usr\n' });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], formats: ['unit'], dryRun: true });
    expect(report.files.map((f) => path.relative(root, f.path))).toEqual(['out/lib/systemd/system/a.service']);
  });

  test('an empty list of outputs means the trees given, as no list does', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/a.service': UNIT });
    await fixPaths({ paths: [`${root}/out`], outputs: [], searchPath: [] });
    expect(read(`${root}/out/lib/systemd/system/a.service`)).toBe(fixed(root));
  });

  test('store paths stay unless update is asked for', async () => {
    const storeUnit = '[Service]\nExecStart=/nix/store/aaaa-foo/bin/foo\n';
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/a.service': storeUnit });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], storeDir: '/nix/store' });
    expect(report.files.map((f) => f.status)).toEqual(['unchanged']);
    await fixPaths({ paths: [`${root}/out`], searchPath: [], storeDir: '/nix/store', update: true });
    expect(read(`${root}/out/lib/systemd/system/a.service`)).toBe(fixed(root));
  });

  test('a single file named directly that no format knows is reported, not read', async () => {
    const root = tree({ 'src/README': UNIT });
    const report = await fixPaths({ paths: [`${root}/src/README`], searchPath: [] });
    expect(report.files).toEqual([]);
    expect(report.skipped).toEqual([{ path: `${root}/src/README`, reason: 'not a file unitfix knows (by name or folder)' }]);
  });

  test('a single file reached through a link is known by the link\'s name when its own name says nothing', async () => {
    // Build systems keep generated units under names such as `unit-1`; a link gives the name systemd reads.
    const root = tree({ 'dep/bin/foo': EXEC, 'src/unit-1': UNIT, 'src/foo.service': { symlink: 'unit-1' } });
    const report = await fixPaths({ paths: [`${root}/src/foo.service`], searchPath: [`${root}/dep/bin`] });
    expect(report.skipped).toEqual([]);
    expect(report.files.map((f) => [f.path, f.status])).toEqual([[`${root}/src/unit-1`, 'changed']]);
    expect(read(`${root}/src/unit-1`)).toBe(`[Service]\nExecStart=${root}/dep/bin/foo\n`);
  });

  test('a template given by name (foo.service.in) is configure\'s to fill in, not fixed', async () => {
    const root = tree({ 'dep/bin/foo': EXEC, 'src/foo.service.in': UNIT });
    const report = await fixPaths({ paths: [`${root}/src/foo.service.in`], searchPath: [`${root}/dep/bin`] });
    expect(report.files).toEqual([]);
    expect(report.skipped).toEqual([{ path: `${root}/src/foo.service.in`, reason: 'not a file unitfix knows (by name or folder)' }]);
    expect(read(`${root}/src/foo.service.in`)).toBe(UNIT);
  });

  test('a path that cannot be looked at, for a reason other than its absence, is reported as unreadable', async () => {
    const root = tree({ 'src/foo.service': UNIT });
    const report = await fixPaths({ paths: [`${root}/src/foo.service/x`, `${root}/gone`], searchPath: [] });
    expect(report.skipped).toEqual([
      { path: `${root}/src/foo.service/x`, reason: 'cannot read: a part of the path is not a folder' },
      { path: `${root}/gone`, reason: 'no such file or directory' },
    ]);
  });
});
