import { classifyExecutable, fhsFileRelative, isBinRelative } from '../../src/resolve/fhs-path.js';

const STORE = '/nix/store';

describe('classifyExecutable: what a command path means on a system without /usr', () => {
  test.each([
    ['/usr/bin/foo', { kind: 'fhs', relative: 'bin/foo', name: 'foo' }],
    ['/usr/local/sbin/foo', { kind: 'fhs', relative: 'sbin/foo', name: 'foo' }],
    ['/bin/sh', { kind: 'fhs', relative: 'bin/sh', name: 'sh' }],
    ['/sbin/x', { kind: 'fhs', relative: 'sbin/x', name: 'x' }],
    ['/lib/systemd/systemd-x', { kind: 'fhs', relative: 'lib/systemd/systemd-x', name: 'systemd-x' }],
    ['/lib64/ld.so', { kind: 'fhs', relative: 'lib64/ld.so', name: 'ld.so' }],
    ['/usr/libexec/foo/helper', { kind: 'fhs', relative: 'libexec/foo/helper', name: 'helper' }],
    ['/usr/share/foo/run.sh', { kind: 'fhs', relative: 'share/foo/run.sh', name: 'run.sh' }],
    ['/usr/bin/../sbin/x', { kind: 'fhs', relative: 'sbin/x', name: 'x' }],
    ['//usr//bin/y', { kind: 'fhs', relative: 'bin/y', name: 'y' }],
    ['foo', { kind: 'bare', relative: 'bin/foo', name: 'foo' }],
    ['/nix/store/aaaa-pkg/bin/x', { kind: 'store', relative: 'bin/x', name: 'x' }],
    ['/nix/store/aaaa-pkg/lib/x/y', { kind: 'store', relative: 'lib/x/y', name: 'y' }],
  ])('%s', (file, expected) => {
    expect(classifyExecutable(file, STORE)).toEqual(expected);
  });

  test.each([
    '', '.', '..', 'bin/x', './x', '/etc/init.d/x', '/opt/bin/x', '/run/wrappers/bin/sudo', '/usr/etc/x', '/usr/local/etc/x',
    '/usr/bin', '/bin', '/usr', '/nix/store/aaaa-pkg', '/home/bin/x',
  ])('%j is not ours to touch', (file) => {
    expect(classifyExecutable(file, STORE)).toEqual({ kind: 'other' });
  });

  test('the store directory is the one given, with or without its trailing slash', () => {
    expect(classifyExecutable('/gnu/store/aaaa-x/bin/y', '/gnu/store/')).toEqual({ kind: 'store', relative: 'bin/y', name: 'y' });
    expect(classifyExecutable('/nix/store/aaaa-x/bin/y', '/gnu/store')).toEqual({ kind: 'other' });
    expect(classifyExecutable('/nix/storex/aaaa-x/bin/y', STORE)).toEqual({ kind: 'other' });
    // The answer remembered for one store directory is not reused for another.
    expect(classifyExecutable('/gnu/store/b-x/bin/y', STORE)).toEqual({ kind: 'other' });
    expect(classifyExecutable('/gnu/store/b-x/bin/y', '/gnu/store')).toMatchObject({ kind: 'store' });
  });

  test('isBinRelative: bin/x and sbin/x only', () => {
    expect(['bin/x', 'sbin/x', 'bin/x/y', 'lib/x', 'libexec/x', 'bin', 'xbin/x'].map(isBinRelative)).toEqual([true, true, false, false, false, false, false]);
  });
});

describe('fhsFileRelative: where a file named by an FHS path would be in an output', () => {
  test.each([
    ['/usr/share/foo/x.conf', 'share/foo/x.conf'],
    ['/usr/local/share/foo', 'share/foo'],
    ['/usr/lib', 'lib'],
    ['/bin/false', 'bin/false'],
    ['/sbin/x', 'sbin/x'],
    ['/lib/udev/x', 'lib/udev/x'],
    ['/lib64/x', 'lib64/x'],
    ['/usr/x/../lib/y', 'lib/y'],
  ])('%s → %s', (file, relative) => {
    expect(fhsFileRelative(file)).toBe(relative);
  });

  test.each(['/usr', '/usr/', '/bin', '/bin/', '/lib', '/etc/x', '/var/lib/x', '/run/x', '/nix/store/a-b/bin/x', '/libexec/x', '/share/x', '/binx/y'])('%s is not one', (file) => {
    expect(fhsFileRelative(file)).toBeUndefined();
  });
});
