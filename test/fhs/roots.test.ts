import path from 'node:path';
import fc from 'fast-check';
import { ETC_ROOT, FHS_ROOTS, fhsLocation } from '../../src/fhs/roots.js';
import { classifyExecutable, fhsFileRelative } from '../../src/resolve/fhs-path.js';
import { placeholderFor } from '../../src/lint/placeholders.js';
import { parsePc } from '../../src/formats/pkgconfig/parse.js';
import { evaluatePc } from '../../src/formats/pkgconfig/evaluate.js';
import { planPcRewrites } from '../../src/fix/plans/pkgconfig.js';
import { applyEdits } from '../../src/text/edit.js';

// One table of FHS roots; the resolver (programs and files), the template placeholders and the .pc
// rewriter each answer from it, so one path gets one place in an output whoever asks.
describe('the FHS table', () => {
  test.each([
    // path, place in an output, as a program, as a file, template placeholder
    ['/usr/bin/foo', 'bin/foo', 'bin/foo', 'bin/foo', '@bindir@/foo'],
    ['/usr/local/bin/foo', 'bin/foo', 'bin/foo', 'bin/foo', '@bindir@/foo'],
    ['/bin/foo', 'bin/foo', 'bin/foo', 'bin/foo', '@bindir@/foo'],
    ['/sbin/foo', 'sbin/foo', 'sbin/foo', 'sbin/foo', '@sbindir@/foo'],
    ['/lib/udev/foo', 'lib/udev/foo', 'lib/udev/foo', 'lib/udev/foo', '@libdir@/udev/foo'],
    ['/lib64/ld.so', 'lib64/ld.so', 'lib64/ld.so', 'lib64/ld.so', '@libdir@/ld.so'],
    ['/usr/libexec/foo/helper', 'libexec/foo/helper', 'libexec/foo/helper', 'libexec/foo/helper', '@libexecdir@/foo/helper'],
    ['/usr/share/foo/x', 'share/foo/x', 'share/foo/x', 'share/foo/x', '@datadir@/foo/x'],
    ['/usr//share/./foo/x', 'share/foo/x', 'share/foo/x', 'share/foo/x', '@datadir@/foo/x'],
    ['/usr/include/foo.h', 'include/foo.h', undefined, 'include/foo.h', '@includedir@/foo.h'],
    ['/usr/etc/foo', 'etc/foo', undefined, 'etc/foo', '@sysconfdir@/foo'],
    ['/usr/games/foo', 'games/foo', undefined, 'games/foo', '@prefix@/games/foo'],
    // A root itself: the output for a .pc prefix or a template, no file of a package.
    ['/usr', '', undefined, undefined, '@prefix@'],
    ['/usr/local', '', undefined, undefined, '@prefix@'],
    ['/bin', 'bin', undefined, undefined, '@bindir@'],
    ['/lib', 'lib', undefined, undefined, '@libdir@'],
    // Not FHS roots: no distribution has /libexec or /share at the top.
    ['/libexec/foo/helper', undefined, undefined, undefined, undefined],
    ['/share/foo/x', undefined, undefined, undefined, undefined],
    ['/opt/foo/bin/foo', undefined, undefined, undefined, undefined],
    ['/usrlocal/bin/foo', undefined, undefined, undefined, undefined],
  ])('%s: in an output %j, as a program %j, as a file %j, in a template %j', (file, place, program, asFile, placeholder) => {
    expect(fhsLocation(file)?.relative).toBe(place);
    const executable = classifyExecutable(file, '/nix/store');
    expect(executable.kind === 'fhs' ? executable.relative : undefined).toBe(program);
    expect(fhsFileRelative(file)).toBe(asFile);
    expect(placeholderFor(file)).toBe(placeholder);
  });

  test('/etc is no FHS path to resolve, but a .pc file or a template may put it in the output', () => {
    expect(fhsLocation('/etc/foo.conf')).toBeUndefined();
    expect(fhsFileRelative('/etc/foo.conf')).toBeUndefined();
    expect(fhsLocation('/etc/foo.conf', { etc: true })?.relative).toBe('etc/foo.conf');
    expect(placeholderFor('/etc/foo.conf')).toBe('@sysconfdir@/foo.conf');
  });

  test.each([...FHS_ROOTS, ETC_ROOT])('the .pc rewriter puts a variable set to $root/x at the same place ($relative/x)', ({ root, relative }) => {
    const out = '/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo-1.0';
    const parsed = parsePc(Buffer.from(`dir=${root}/x/y\nName: foo\nDescription: d\nVersion: 1\n`));
    const plan = planPcRewrites(evaluatePc(parsed, { pcfiledir: `${out}/lib/pkgconfig` }), { outputs: [out], ownOutput: out });
    const expected = relative === '' ? `${out}/x/y` : `${out}/${relative}/x/y`;
    expect(applyEdits(parsed.source, plan.edits).toString().split('\n')[0]).toBe(`dir=${expected}`);
  });
});

describe('fhsLocation normalises a path only when normalising would change it', () => {
  // The answer as the table gives it for the normalised path, normalised every time.
  const reference = (file: string, etc: boolean) => {
    const normal = path.posix.normalize(file);
    for (const root of etc ? [...FHS_ROOTS, ETC_ROOT] : FHS_ROOTS) {
      if (normal !== root.root && !normal.startsWith(`${root.root}/`)) continue;
      const rest = normal.slice(root.root.length + 1);
      return { root, relative: root.relative === '' ? rest : rest === '' ? root.relative : `${root.relative}/${rest}` };
    }
    return undefined;
  };
  const piece = fc.constantFrom('/', '//', '.', '..', 'usr', 'local', 'bin', 'lib', 'lib64', 'etc', 'x', '.x', 'x.');
  const file = fc.array(piece, { maxLength: 10 }).map((p) => `/${p.join('')}`);

  test('the same place as normalising first, on paths made of slashes, dots and root names', () => {
    fc.assert(
      fc.property(file, fc.boolean(), (f, etc) => {
        expect(fhsLocation(f, { etc })).toEqual(reference(f, etc));
      }),
      { numRuns: 20000 },
    );
  });

  test.each([
    ['/usr//bin/x', 'bin/x'],
    ['/usr/./bin/x', 'bin/x'],
    ['/usr/bin/../sbin/x', 'sbin/x'],
    ['/usr/bin/.', 'bin'],
    ['/usr/lib/..', ''],
    ['/usr/bin/', 'bin/'],
  ])('%s is at %s', (f, relative) => {
    expect(fhsLocation(f)?.relative).toBe(relative);
  });
});
