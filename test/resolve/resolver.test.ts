import fs from 'node:fs';
import path from 'node:path';
import { Resolver } from '../../src/resolve/resolver.js';
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
