import { FORMATS, formatFolders, loadFormats } from '../../src/formats/registry.js';
import { formatAt, formatNamed } from '../../src/formats/classify.js';
import { classifyUnitPath } from '../../src/formats/unit/unit-type.js';
import { UNIT_NAME } from '../../src/formats/unit/places.js';
import { lintFormatOf } from '../../src/lint/collect.js';
import { corpusEntries, describeIfCorpus } from '../helpers/corpus.js';

/** A file name each format's folders hold. */
const SAMPLE: Readonly<Record<string, string>> = {
  unit: 'foo.service',
  tmpfiles: 'foo.conf',
  sysusers: 'foo.conf',
  pkgconfig: 'foo.pc',
  'udev-rules': '60-foo.rules',
  'dbus-service': 'org.example.Foo.service',
};

describe('the format registry', () => {
  test('every format has a sample here, and a file in each of its folders is of that format, by the one classifier', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual(FORMATS.map((f) => f.id).sort());
    for (const format of FORMATS) {
      for (const folder of formatFolders(format)) {
        const file = `${folder.replace('*', 'x86_64-linux-gnu')}/${SAMPLE[format.id]}`;
        expect([file, formatAt(file), formatAt(`/nix/store/aaaa-foo/${file}`), formatNamed(file), lintFormatOf(file)]).toEqual([file, format.id, format.id, format.id, format.id]);
      }
    }
  });

  test('ids are unique, and loading gives each its syntax in the same order', async () => {
    const loaded = await loadFormats();
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
    expect(loaded.map((f) => f.id)).toEqual(FORMATS.map((f) => f.id));
    for (const format of loaded) {
      // Lossless, for an empty file too.
      expect(format.print(format.parse(Buffer.alloc(0)))).toEqual(Buffer.alloc(0));
      expect(format.inspect(format.parse(Buffer.alloc(0)), `/x/${SAMPLE[format.id]}`)).toMatchObject({ format: format.id });
    }
  });

  test.each([
    // By place, in a tree
    ['lib/systemd/system/foo.service', 'unit'],
    ['usr/lib/systemd/user/foo.socket', 'unit'],
    ['lib/systemd/system/foo.service.d/override.conf', 'unit'],
    ['lib/systemd/system/service.d/10-all.conf', 'unit'],
    ['lib/systemd/system/multi-user.target.wants/foo.service', 'unit'],
    ['etc/tmpfiles.d/foo.conf', 'tmpfiles'],
    ['lib/sysusers.d/foo.conf', 'sysusers'],
    ['lib/x86_64-linux-gnu/pkgconfig/foo.pc', 'pkgconfig'],
    ['lib/udev/rules.d/60-foo.rules', 'udev-rules'],
    ['share/dbus-1/system-services/org.example.Foo.service', 'dbus-service'],
    // The nearer folder decides: an activation file in a folder that is also below systemd/user.
    ['lib/systemd/user/dbus-1/services/org.example.Foo.service', 'dbus-service'],
    // Not where the tool reads them
    ['lib/systemd/system/README', undefined],
    ['lib/systemd/system/foo.service.d/README', undefined],
    ['lib/tmpfiles.d/sub/foo.conf', undefined],
    ['lib/tmpfiles.d/foo', undefined],
    ['lib/sysctl.d/foo.conf', undefined],
    ['share/systemd/tmp.mount', undefined],
    ['share/polkit-1/rules.d/foo.rules', undefined],
    ['lib/pkgconfig.pc', undefined],
    ['foo.service', undefined],
  ])('%s is %s by its place', (file, format) => {
    expect(formatAt(file)).toBe(format);
  });

  test.each([
    // Named on its own (pre-commit passes a repository's files), templates are what they make
    ['data/foo.service.in', 'unit'],
    ['foo@.socket', 'unit'],
    ['units/foo.service.d/override.conf', 'unit'],
    // A drop-in folder decides over a name that looks like a tmpfiles.d file.
    ['foo.service.d/tmpfiles.conf', 'unit'],
    ['debian/foo.tmpfiles.conf', 'tmpfiles'],
    ['tmpfiles.d/foo.conf.in', 'tmpfiles'],
    ['data/sysusers-foo.conf', 'sysusers'],
    ['foo.pc.in', 'pkgconfig'],
    ['rules/60-foo-udev.rules', 'udev-rules'],
    ['udev/rules.d/60-foo.rules.in', 'udev-rules'],
    ['share/dbus-1/services/org.example.Foo.service', 'dbus-service'],
    ['org.example.Foo.service', 'unit'],
    ['polkit/50-udev-access.rules', undefined],
    ['sysctl.d/foo.conf', undefined],
    ['modprobe.d/foo.conf', undefined],
    ['foo.conf', undefined],
    ['.service', undefined],
    ['foo.service.bak', undefined],
    ['README.in', undefined],
  ])('%s named on its own is %s', (file, format) => {
    expect(formatNamed(file)).toBe(format);
  });

  test('fix reads no template; lint does', () => {
    expect(formatNamed('foo.service.in', { templates: false })).toBeUndefined();
    expect(formatNamed('foo.service', { templates: false })).toBe('unit');
  });

  test('lint walks no documentation folder', () => {
    expect(formatAt('share/doc/foo/examples/systemd/system/foo.service')).toBe('unit');
    expect(lintFormatOf('share/doc/foo/examples/systemd/system/foo.service')).toBeUndefined();
  });

  test.each([
    'foo.service', 'foo@.service', 'foo@bar.timer', '..service', '.service', 'foo.service.in', 'foo.services', 'foo.device',
    'foo.service.d/x.conf', 'service.d/x.conf', 'foo-.service.d/x.conf', '.service.d/x.conf', 'foo.service.d/.conf',
    'foo.d/x.conf', 'sysctl.d/x.conf', 'foo.service.d/x.conf.bak', 'foo.service.d/sub/x.conf', 'x.conf', 'a/b/foo.slice',
  ])('the unit name pattern says of %s what classifyUnitPath says', (file) => {
    expect(new RegExp(`(?:^|/)${UNIT_NAME}$`).test(file)).toBe(classifyUnitPath(file) !== undefined);
  });

  // The scope is the manager that reads the folder: .../systemd/system/ (system) or .../systemd/user/ (user), innermost first.
  test.each<[string, ReturnType<typeof classifyUnitPath>]>([
    ['/usr/lib/systemd/system/foo.service', { role: 'unit', type: 'service', template: false, scope: 'system' }],
    ['lib/systemd/user/foo@.socket', { role: 'unit', type: 'socket', template: true, scope: 'user' }],
    ['systemd/system/foo.timer', { role: 'unit', type: 'timer', template: false, scope: 'system' }],
    ['/etc/systemd/user/foo.service.d/x.conf', { role: 'drop-in', type: 'service', template: false, scope: 'user' }],
    ['/usr/lib/systemd/system/foo@.service.d/x.conf', { role: 'drop-in', type: 'service', template: true, scope: 'system' }],
    ['/usr/lib/systemd/system/service.d/x.conf', { role: 'drop-in', type: 'service', template: false, scope: 'system' }],
    ['/usr/share/doc/systemd/examples/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/x/systemd/foobar/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/x/systemd/abcd/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/x/systemd/system2/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/x/systemd/users/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/usr/lib/foo/system/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/x/foobarx/user/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/x/systemdx/system/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/system/foo.service', { role: 'unit', type: 'service', template: false, scope: undefined }],
    ['/usr/lib/systemd/system/foo.serviceXX/x.conf', undefined],
  ])('classifyUnitPath(%s)', (file, kind) => {
    expect(classifyUnitPath(file)).toEqual(kind);
  });
});

describeIfCorpus('the registry on the Debian corpus', () => {
  const BY_KIND: Readonly<Record<string, string>> = {
    unit: 'unit',
    'unit-dropin': 'unit',
    tmpfiles: 'tmpfiles',
    sysusers: 'sysusers',
    pkgconfig: 'pkgconfig',
    'udev-rules': 'udev-rules',
    'dbus-session-service': 'dbus-service',
    'dbus-system-service': 'dbus-service',
  };

  test('each file of the corpus is what the packages install it as, and the unit name pattern agrees with classifyUnitPath on every one', () => {
    for (const entry of corpusEntries()) {
      const relative = entry.path.split('/').slice(1).join('/');
      // systemd keeps tmp.mount in share/systemd as a copy for the administrator, where no manager reads it.
      const expected = relative === 'usr/share/systemd/tmp.mount' ? undefined : BY_KIND[entry.kind];
      expect([relative, formatAt(relative)]).toEqual([relative, expected]);
      expect([relative, new RegExp(`(?:^|/)${UNIT_NAME}$`).test(relative)]).toEqual([relative, classifyUnitPath(relative) !== undefined]);
    }
  });
});
