import fs from 'node:fs';
import path from 'node:path';
import { Resolver, ResolverCache } from '../../src/resolve/resolver.js';
import { classifyExecutable } from '../../src/resolve/fhs-path.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

describe('classifyExecutable', () => {
  test.each([
    ['/usr/bin/foo', 'fhs', 'bin/foo'],
    ['/usr/sbin/foo', 'fhs', 'sbin/foo'],
    ['/bin/foo', 'fhs', 'bin/foo'],
    ['/sbin/foo', 'fhs', 'sbin/foo'],
    ['/usr/local/bin/foo', 'fhs', 'bin/foo'],
    ['/usr/libexec/pkg/helper', 'fhs', 'libexec/pkg/helper'],
    ['/usr/lib/pkg/helper', 'fhs', 'lib/pkg/helper'],
    ['/lib/systemd/systemd-logind', 'fhs', 'lib/systemd/systemd-logind'],
    ['/usr//bin/./foo', 'fhs', 'bin/foo'],
    ['foo', 'bare', 'bin/foo'],
    ['/nix/store/abc-foo-1.0/bin/foo', 'store', 'bin/foo'],
  ])('%s is %s (%s)', (file, kind, relative) => {
    expect(classifyExecutable(file, '/nix/store')).toEqual(expect.objectContaining({ kind, relative }));
  });

  test.each(['/etc/init.d/foo', '/opt/foo/bin/foo', '/usr/foo', '/usr/bin', '/run/wrappers/bin/sudo', '/usr/share'])('%s is left alone', (file) => {
    expect(classifyExecutable(file, '/nix/store').kind).toBe('other');
  });
});

describe('Resolver', () => {
  let root: string;
  let out: string;
  let bin: string;
  let dep: string;
  beforeAll(() => {
    root = makeTree({
      'out/lib/systemd/systemd-helper': EXEC,
      'out/libexec/pkg/libexec-helper': EXEC,
      'out/lib/pkg/not-executable': 'data',
      'bin/bin/tool': EXEC,
      'bin/sbin/daemon': EXEC,
      'bin/bin/sudo': EXEC,
      'dep/bin/kill': EXEC,
      'dep/bin/env': EXEC,
      'dep/lib/dep/dep-helper': EXEC,
      'dep2/bin/kill': EXEC,
      'lib-only/sbin/modprobe': EXEC,
      'lib-only/libexec/lib-only/helper': EXEC,
      'fallback/bin/true': EXEC,
      'fallback/bin/kill': EXEC,
      'fallback/sbin/nologin': EXEC,
      'fallback/lib/os-release': 'ID=x',
    });
    out = path.join(root, 'out');
    bin = path.join(root, 'bin');
    dep = path.join(root, 'dep');
  });
  afterAll(() => removeTree(root));

  const resolver = (extra: Partial<ConstructorParameters<typeof Resolver>[0]> = {}) =>
    new Resolver({ outputs: [out, bin], searchPath: [path.join(dep, 'bin'), path.join(root, 'dep2/bin')], storeDir: '/nix/store', ...extra });

  test('the relative path in any output wins', () => {
    expect(resolver().resolveExecutable('/lib/systemd/systemd-helper')).toEqual({ kind: 'resolved', path: `${out}/lib/systemd/systemd-helper`, via: 'output' });
    expect(resolver().resolveExecutable('/usr/sbin/daemon')).toEqual({ kind: 'resolved', path: `${bin}/sbin/daemon`, via: 'output' });
  });

  test('else the bin/, sbin/ and libexec/ of the outputs', () => {
    expect(resolver().resolveExecutable('/usr/sbin/tool')).toMatchObject({ path: `${bin}/bin/tool` });
    expect(resolver().resolveExecutable('/usr/bin/daemon')).toMatchObject({ path: `${bin}/sbin/daemon` });
    expect(resolver().resolveExecutable('/usr/lib/pkg/libexec-helper')).toMatchObject({ path: `${out}/libexec/pkg/libexec-helper` });
  });

  test('then the search path, first match', () => {
    expect(resolver().resolveExecutable('/bin/kill')).toEqual({ kind: 'resolved', path: `${dep}/bin/kill`, via: 'search-path' });
    expect(resolver().resolveExecutable('kill')).toMatchObject({ path: `${dep}/bin/kill` });
  });

  test('non-bin paths are looked for in the dependencies that own a bin/', () => {
    expect(resolver().resolveExecutable('/usr/lib/dep/dep-helper')).toMatchObject({ path: `${dep}/lib/dep/dep-helper`, via: 'dependency' });
    expect(resolver().resolveExecutable('/usr/libexec/dep/dep-helper')).toMatchObject({ path: `${dep}/lib/dep/dep-helper` });
  });

  test('files that are not executable do not count', () => {
    expect(resolver().resolveExecutable('/usr/lib/pkg/not-executable').kind).toBe('unresolved');
  });

  test('what exists nowhere is unresolved, with a reason', () => {
    const result = resolver().resolveExecutable('/usr/bin/nowhere');
    expect(result.kind).toBe('unresolved');
    expect(result.kind === 'unresolved' && result.reason).toMatch(/bin\/nowhere/);
  });

  test('store paths stay unless --update, which re-resolves them', () => {
    expect(resolver().resolveExecutable('/nix/store/aaa-procps/bin/kill')).toEqual({ kind: 'unchanged', reason: 'store-path' });
    expect(resolver({ update: true }).resolveExecutable('/nix/store/aaa-procps/bin/kill')).toMatchObject({ kind: 'resolved', path: `${dep}/bin/kill` });
  });

  test('setuid programs go to the wrapper table, not to the plain binary', () => {
    expect(resolver().resolveExecutable('/usr/bin/sudo')).toEqual({ kind: 'resolved', path: '/run/wrappers/bin/sudo', via: 'wrapper' });
    expect(resolver({ wrappers: { sudo: '/opt/wrap/sudo' } }).resolveExecutable('sudo')).toMatchObject({ path: '/opt/wrap/sudo' });
    expect(resolver({ wrappers: { sudo: null } }).resolveExecutable('/usr/bin/sudo').kind).toBe('unresolved');
    expect(resolver({ wrappers: {} }).resolveExecutable('/usr/bin/sudo')).toMatchObject({ path: `${bin}/bin/sudo` });
  });

  test('other absolute paths are not ours', () => {
    expect(resolver().resolveExecutable('/etc/init.d/foo')).toEqual({ kind: 'unchanged', reason: 'not-fhs' });
  });

  test('FHS folders on the search path are ignored: they would only trade one /usr path for another', () => {
    const r = new Resolver({ outputs: [out], searchPath: ['/usr/bin', '/bin', '/usr/local/bin'], storeDir: '/nix/store' });
    expect(r.resolveExecutable('/bin/sh').kind).toBe('unresolved');
  });

  test('FHS folders left out of the search path are named in the reason, not called an empty search path', () => {
    const r = new Resolver({ outputs: [out], searchPath: ['/usr/bin', '/bin'], storeDir: '/nix/store' });
    const result = r.resolveExecutable('/usr/bin/nowhere');
    expect(result.kind === 'unresolved' && result.reason).toBe(
      'no executable bin/nowhere in the outputs (the search path had only FHS folders, /usr/bin:/bin, which a hermetic-/usr system does not have: ignored)',
    );
    const empty = new Resolver({ outputs: [out], searchPath: [], storeDir: '/nix/store' }).resolveExecutable('/usr/bin/nowhere');
    expect(empty.kind === 'unresolved' && empty.reason).toBe('no executable bin/nowhere in the outputs (the search path is empty)');
  });

  test("a dependency's bin/, sbin/ and libexec/ hold programs too: a command resolves with no search path at all", () => {
    const r = resolver({ searchPath: [], dependencies: [dep, path.join(root, 'lib-only')] });
    expect(r.resolveExecutable('/bin/kill')).toEqual({ kind: 'resolved', path: `${dep}/bin/kill`, via: 'dependency' });
    expect(r.resolveExecutable('/sbin/modprobe')).toEqual({ kind: 'resolved', path: `${root}/lib-only/sbin/modprobe`, via: 'dependency' });
    expect(r.resolveExecutable('helper').kind).toBe('unresolved');
    expect(r.resolveExecutable('/usr/libexec/lib-only/helper')).toMatchObject({ path: `${root}/lib-only/libexec/lib-only/helper`, via: 'dependency' });
  });

  test('the search path comes before the dependencies, and both before the fallback set', () => {
    const fallback = path.join(root, 'fallback');
    const r = resolver({ searchPath: [path.join(root, 'dep2/bin')], dependencies: [dep], fallback: [fallback] });
    expect(r.resolveExecutable('/bin/kill')).toEqual({ kind: 'resolved', path: `${root}/dep2/bin/kill`, via: 'search-path' });
    expect(r.resolveExecutable('/bin/true')).toEqual({ kind: 'resolved', path: `${fallback}/bin/true`, via: 'fallback' });
    expect(r.resolveExecutable('/usr/sbin/nologin')).toEqual({ kind: 'resolved', path: `${fallback}/sbin/nologin`, via: 'fallback' });
    expect(r.resolveFile('/usr/lib/os-release')).toEqual({ kind: 'resolved', path: `${fallback}/lib/os-release`, via: 'fallback' });
    const without = resolver({ searchPath: [], dependencies: [dep] }).resolveExecutable('/bin/true');
    expect(without.kind === 'unresolved' && without.reason).toBe('no executable bin/true in the outputs or the dependencies (the search path is empty)');
  });

  test('outputs, dependencies and the fallback set are canonical: a path through a link (./result) never ends up in a file', () => {
    const links = fs.mkdtempSync(path.join(root, 'links-'));
    fs.symlinkSync(bin, path.join(links, 'result-bin'));
    fs.symlinkSync(dep, path.join(links, 'result-dep'));
    fs.symlinkSync(path.join(root, 'fallback'), path.join(links, 'result-fallback'));
    const r = new Resolver({ outputs: [path.join(links, 'result-bin')], searchPath: [], dependencies: [path.join(links, 'result-dep')], fallback: [path.join(links, 'result-fallback')], storeDir: '/nix/store' });
    expect(r.resolveExecutable('/usr/bin/tool')).toMatchObject({ path: `${bin}/bin/tool` });
    expect(r.resolveExecutable('/bin/kill')).toMatchObject({ path: `${dep}/bin/kill` });
    expect(r.resolveExecutable('/bin/true')).toMatchObject({ path: `${root}/fallback/bin/true` });
  });
});

describe('Resolver: the answers a rewrite is built from, case by case', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      'out/libexec/only-in-libexec': EXEC,
      'out/bin/is-a-folder/x': EXEC,
      'out/share/pkg/data': 'x',
      'dep/bin/kill': EXEC,
      'dep/share/dep/script': EXEC,
      'dep/share/dep/data.conf': 'x',
      'dep2/bin/kill': EXEC,
      'sbin-only/sbin/tool': EXEC,
      'sbin-only/lib/sbin-only/helper': EXEC,
      'tools/lib/tools/helper': EXEC,
      'tools/share/tools/data': 'x',
      'tools2/share/tools2/data': 'x',
    });
    // A folder with the execute bits, where a program would be: not a program.
    fs.chmodSync(path.join(root, 'out/bin/is-a-folder'), 0o755);
  });
  afterAll(() => removeTree(root));

  const at = (relative: string) => path.join(root, relative);
  const make = (extra: Partial<ConstructorParameters<typeof Resolver>[0]> = {}) =>
    new Resolver({ outputs: [at('out')], searchPath: [], storeDir: '/nix/store', ...extra });

  test('a program the package keeps only in its libexec/ answers for /usr/bin/NAME', () => {
    expect(make().resolveExecutable('/usr/bin/only-in-libexec')).toEqual({ kind: 'resolved', path: at('out/libexec/only-in-libexec'), via: 'output' });
  });

  test('a folder is not a program, even with its execute bits', () => {
    expect(make().resolveExecutable('/usr/bin/is-a-folder').kind).toBe('unresolved');
  });

  test('a bare name that is found nowhere is named as written in the reason', () => {
    const result = make().resolveExecutable('nowhere');
    expect(result).toEqual({ kind: 'unresolved', reason: 'no executable nowhere in the outputs (the search path is empty)' });
  });

  test('a setuid program with no wrapper mapped is left, and the reason says how to map it', () => {
    expect(make({ wrappers: { sudo: null } }).resolveExecutable('/usr/bin/sudo')).toEqual({
      kind: 'unresolved',
      reason: 'sudo is a setuid wrapper the system provides; left for you to map (--wrapper sudo=PATH)',
    });
  });

  test('a wrapper that is the path already written is no change', () => {
    expect(make({ wrappers: { ping: '/usr/bin/ping' } }).resolveExecutable('/usr/bin/ping')).toEqual({ kind: 'unchanged', reason: 'same' });
  });

  test('--update sends a store path of a setuid program to its wrapper, not to the plain binary', () => {
    expect(make({ update: true, searchPath: [at('dep/bin')] }).resolveExecutable('/nix/store/aaa-sudo/bin/sudo')).toEqual({ kind: 'resolved', path: '/run/wrappers/bin/sudo', via: 'wrapper' });
  });

  test('a setuid helper its package keeps outside bin/ goes to its wrapper too, by name, unless the command runs as root', () => {
    // NixOS wraps these by name (security.wrappers), from lib/polkit-1/ and libexec/ of their packages.
    for (const file of ['/usr/lib/polkit-1/polkit-agent-helper-1', '/usr/libexec/polkit-agent-helper-1']) {
      expect(make().resolveExecutable(file)).toEqual({ kind: 'resolved', path: '/run/wrappers/bin/polkit-agent-helper-1', via: 'wrapper' });
    }
    expect(make().resolveExecutable('/usr/lib/dbus-1.0/dbus-daemon-launch-helper')).toEqual({ kind: 'resolved', path: '/run/wrappers/bin/dbus-daemon-launch-helper', via: 'wrapper' });
    expect(make({ update: true }).resolveExecutable('/nix/store/aaa-polkit/lib/polkit-1/polkit-agent-helper-1')).toEqual({ kind: 'resolved', path: '/run/wrappers/bin/polkit-agent-helper-1', via: 'wrapper' });
    expect(make().resolveExecutable('/usr/lib/polkit-1/polkit-agent-helper-1', { runsAsRoot: true }).kind).toBe('unresolved');
  });

  test('--update leaves a store path that already is the answer unchanged', () => {
    const r = make({ update: true, storeDir: root });
    expect(r.resolveExecutable(at('out/libexec/only-in-libexec'))).toEqual({ kind: 'unchanged', reason: 'same' });
  });

  test('a program outside bin/ is looked for at its own place in the dependencies, then in the fallback set', () => {
    expect(make({ dependencies: [at('dep')] }).resolveExecutable('/usr/share/dep/script')).toEqual({ kind: 'resolved', path: at('dep/share/dep/script'), via: 'dependency' });
    expect(make({ fallback: [at('tools')] }).resolveExecutable('/usr/lib/tools/helper')).toEqual({ kind: 'resolved', path: at('tools/lib/tools/helper'), via: 'fallback' });
  });

  test("a search-path folder named sbin makes its package a dependency for files that are not programs", () => {
    expect(make({ searchPath: [at('sbin-only/sbin')] }).resolveExecutable('/usr/lib/sbin-only/helper')).toEqual({ kind: 'resolved', path: at('sbin-only/lib/sbin-only/helper'), via: 'dependency' });
  });

  test('empty and relative search-path entries are ignored: they would name whatever folder the run started in', () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(make({ searchPath: ['', 'dep/bin', 'dep2/bin'] }).resolveExecutable('/bin/kill').kind).toBe('unresolved');
    } finally {
      process.chdir(cwd);
    }
  });

  test('an output that does not exist yet is kept (absolute) and the others still answer', () => {
    const r = make({ outputs: [at('not-yet'), at('out')] });
    expect(r.outputs).toEqual([at('not-yet'), at('out')]);
    expect(r.resolveExecutable('/usr/bin/only-in-libexec')).toMatchObject({ path: at('out/libexec/only-in-libexec') });
  });

  test('resolveFile: outputs first, then dependencies, then the fallback set, each said; other paths are not ours', () => {
    const r = make({ dependencies: [at('dep'), at('tools2')], fallback: [at('sbin-only'), at('tools')] });
    expect(r.resolveFile('/usr/share/pkg/data')).toEqual({ kind: 'resolved', path: at('out/share/pkg/data'), via: 'output' });
    expect(r.resolveFile('/usr/share/dep/data.conf')).toEqual({ kind: 'resolved', path: at('dep/share/dep/data.conf'), via: 'dependency' });
    // tools2 starts with the name of the fallback package tools: still a dependency.
    expect(r.resolveFile('/usr/share/tools2/data')).toEqual({ kind: 'resolved', path: at('tools2/share/tools2/data'), via: 'dependency' });
    // The second fallback package counts as the fallback set too.
    expect(r.resolveFile('/usr/share/tools/data')).toEqual({ kind: 'resolved', path: at('tools/share/tools/data'), via: 'fallback' });
    expect(r.resolveFile('/etc/foo.conf')).toEqual({ kind: 'unchanged', reason: 'not-fhs' });
  });

  test('a package that is both a dependency and in the fallback set counts as a dependency (no fallback reference reported)', () => {
    const r = make({ dependencies: [at('dep')], fallback: [at('dep')] });
    expect(r.fallback).toEqual([]);
    expect(r.resolveFile('/usr/share/dep/data.conf')).toMatchObject({ via: 'dependency' });
  });

  test('the reason names every place searched, the fallback set last', () => {
    const result = make({ dependencies: [at('dep')], fallback: [at('tools')] }).resolveExecutable('/usr/bin/nowhere');
    expect(result).toEqual({ kind: 'unresolved', reason: 'no executable bin/nowhere in the outputs, the dependencies or the fallback set (the search path is empty)' });
  });

  test('resolvers sharing a cache with other search paths, dependencies or fallback sets each search their own', () => {
    const cache = new ResolverCache();
    // The same (empty) search path array for all but the first pair: the lists are told apart one at a time.
    const searchPath: string[] = [];
    make({ searchPath: [at('dep/bin')], cache });
    expect(make({ searchPath: [at('dep2/bin')], cache }).resolveExecutable('/bin/kill')).toMatchObject({ path: at('dep2/bin/kill') });
    make({ searchPath, dependencies: [at('sbin-only')], cache });
    expect(make({ searchPath, dependencies: [at('dep')], cache }).resolveExecutable('/usr/sbin/tool').kind).toBe('unresolved');
    const dependencies: string[] = [];
    make({ searchPath, dependencies, fallback: [at('dep')], cache });
    expect(make({ searchPath, dependencies, fallback: [at('dep2')], cache }).resolveFile('/usr/share/dep/data.conf').kind).toBe('unresolved');
  });

  test('a listed output answers from its list: a program listed is found without asking the file system, one not listed is not there', () => {
    const programs = new Map([[at('out'), new Set(['bin/listed-only'])]]);
    const r = make({ programs });
    expect(r.resolveExecutable('/usr/bin/listed-only')).toEqual({ kind: 'resolved', path: at('out/bin/listed-only'), via: 'output' });
    expect(r.resolveExecutable('/usr/bin/only-in-libexec').kind).toBe('unresolved');
  });

  describe('the store directory', () => {
    const saved = process.env['NIX_STORE'];
    afterEach(() => {
      if (saved === undefined) delete process.env['NIX_STORE'];
      else process.env['NIX_STORE'] = saved;
    });

    test('the one given, else $NIX_STORE, else /nix/store', () => {
      process.env['NIX_STORE'] = '/gnu/store';
      expect(new Resolver({ outputs: [], searchPath: [], storeDir: '/my/store' }).storeDir).toBe('/my/store');
      expect(new Resolver({ outputs: [], searchPath: [] }).storeDir).toBe('/gnu/store');
      delete process.env['NIX_STORE'];
      expect(new Resolver({ outputs: [], searchPath: [] }).storeDir).toBe('/nix/store');
      expect(new Resolver({ outputs: [], searchPath: [] }).resolveExecutable('/nix/store/aaa-x/bin/x')).toEqual({ kind: 'unchanged', reason: 'store-path' });
    });
  });
});
