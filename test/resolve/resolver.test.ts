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
    expect(resolver().resolveExecutable('/usr/lib/dep/dep-helper')).toMatchObject({ path: `${dep}/lib/dep/dep-helper`, via: 'search-path' });
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
});
