import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPkgConfigShadow } from '../../src/shadow/pkgconfig-shadow.js';
import { corpusDir, describeIfCorpusAndTool } from '../helpers/corpus.js';
import { pkgconf } from '../helpers/pkgconf.js';
import { unitfix } from '../helpers/cli.js';
import { makeTree, removeTree } from '../helpers/tree.js';
import { hasTool } from '../helpers/tools.js';

const OUT = '/nix/store/00000000000000000000000000000000-mypkg';

describeIfCorpusAndTool('pkgconf', 'pkgconfig-shadow over Debian .pc files, read by the real pkgconf', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-shadow-'));
  const shadow = path.join(scratch, 'shadow');
  const stubs = path.join(scratch, 'stubs');
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const corpus = (p: string) => path.join(corpusDir()!, p);
  const dirs = [
    corpus('systemd/usr/share/pkgconfig'),
    corpus('udev/usr/share/pkgconfig'),
    corpus('libdbus-1-dev/usr/lib/x86_64-linux-gnu/pkgconfig'),
    corpus('libpolkit-gobject-1-dev/usr/lib/x86_64-linux-gnu/pkgconfig'),
    corpus('libglib2.0-dev/usr/lib/x86_64-linux-gnu/pkgconfig'),
    corpus('bash-completion/usr/share/pkgconfig'),
  ];
  beforeAll(async () => {
    fs.mkdirSync(stubs);
    for (const name of ['libpcre2-8', 'libffi', 'zlib', 'mount', 'libselinux']) fs.writeFileSync(path.join(stubs, `${name}.pc`), `Name: ${name}\nDescription: stub\nVersion: 999\n`);
    await buildPkgConfigShadow({ searchPath: dirs, prefixes: { out: OUT }, outDir: shadow });
  });

  test.each([
    ['systemd', 'systemdsystemunitdir', `${OUT}/lib/systemd/system`],
    ['systemd', 'systemduserunitdir', `${OUT}/lib/systemd/user`],
    ['systemd', 'tmpfilesdir', `${OUT}/lib/tmpfiles.d`],
    ['systemd', 'sysusersdir', `${OUT}/lib/sysusers.d`],
    ['systemd', 'systemdsystempresetdir', `${OUT}/lib/systemd/system-preset`],
    ['udev', 'udevdir', `${OUT}/lib/udev`],
    ['dbus-1', 'system_bus_services_dir', `${OUT}/share/dbus-1/system-services`],
    ['dbus-1', 'session_bus_services_dir', `${OUT}/share/dbus-1/services`],
    ['bash-completion', 'completionsdir', `${OUT}/share/bash-completion/completions`],
    ['polkit-gobject-1', 'policydir', `${OUT}/share/polkit-1/actions`],
    ['polkit-gobject-1', 'actiondir', `${OUT}/share/polkit-1/actions`],
  ])('%s %s points into the package being built', (pkg, variable, expected) => {
    expect(pkgconf([shadow, ...dirs, stubs], [`--variable=${variable}`, pkg]).stdout).toBe(expected);
    // Without the shadow folder, pkgconf answers the dependency's own path.
    expect(pkgconf([...dirs, stubs], [`--variable=${variable}`, pkg]).stdout).not.toBe(expected);
  });

  test.each(['systemd', 'udev', 'dbus-1', 'polkit-gobject-1', 'bash-completion'])('%s: --cflags, --libs and other variables are unchanged', (pkg) => {
    for (const query of [['--cflags'], ['--libs'], ['--modversion'], ['--variable=prefix'], ['--variable=libdir'], ['--variable=includedir']]) {
      expect(pkgconf([shadow, ...dirs, stubs], [...query, pkg])).toEqual(pkgconf([...dirs, stubs], [...query, pkg]));
    }
  });

  test('only the definitions of remapped variables differ from the originals; comments stay', () => {
    for (const file of fs.readdirSync(shadow)) {
      const original = fs.readFileSync(dirs.map((d) => path.join(d, file)).find((p) => fs.existsSync(p))!, 'utf8').split('\n');
      const copy = fs.readFileSync(path.join(shadow, file), 'utf8').split('\n');
      expect(copy.length).toBe(original.length);
      const changed = copy.filter((line, i) => line !== original[i]);
      expect(changed.length).toBeGreaterThan(0);
      for (const line of changed) expect(line).toMatch(new RegExp(`^[A-Za-z_]+=${OUT}/`));
    }
    expect(fs.readdirSync(shadow).sort()).toEqual(['bash-completion.pc', 'dbus-1.pc', 'polkit-gobject-1.pc', 'systemd.pc', 'udev.pc']);
  });
});

describe('pkgconfig-shadow on crafted files', () => {
  let root: string;
  beforeEach(() => {
    root = makeTree({
      'dep/lib/pkgconfig/reloc.pc': '# relocatable\nprefix=${pcfiledir}/../..\nunitdir=${prefix}/lib/systemd/system\nlibdir=${prefix}/lib\nName: reloc\nDescription: r\nVersion: 1\nLibs: -L${libdir} -lreloc\n',
      'dep/lib/pkgconfig/plain.pc': 'Name: plain\nDescription: no install dirs\nVersion: 1\n',
    });
  });
  afterEach(() => removeTree(root));

  test('a copy of a relocatable .pc still finds the original folder through ${pcfiledir}', async () => {
    const report = await buildPkgConfigShadow({
      searchPath: [`${root}/dep/lib/pkgconfig`],
      prefixes: { out: OUT },
      outDir: `${root}/shadow`,
      table: [{ package: 'reloc', variable: 'unitdir', output: 'out', what: 'test' }],
    });
    expect(report.packages.map((p) => p.name)).toEqual(['reloc']);
    if (hasTool('pkgconf')) {
      const both = [`${root}/shadow`, `${root}/dep/lib/pkgconfig`];
      expect(pkgconf(both, ['--variable=unitdir', 'reloc']).stdout).toBe(`${OUT}/lib/systemd/system`);
      expect(pkgconf(both, ['--libs', 'reloc']).stdout).toBe(pkgconf([`${root}/dep/lib/pkgconfig`], ['--libs', 'reloc']).stdout);
    }
  });

  test('the CLI prints PKG_CONFIG_<PKG>_<VAR> exports for pkg-config implementations that read them', async () => {
    fs.mkdirSync(`${root}/dep/share/pkgconfig`, { recursive: true });
    fs.writeFileSync(`${root}/dep/share/pkgconfig/systemd.pc`, 'prefix=/nix/store/abc-systemd\nsystemdsystemunitdir=${prefix}/lib/systemd/system\nName: systemd\nDescription: s\nVersion: 1\n');
    const result = await unitfix(['pkgconfig-shadow', '-q', '--prefix', OUT, '--out', `${root}/shadow`], { env: { NO_COLOR: '1', PKG_CONFIG_PATH: `${root}/dep/lib/pkgconfig:${root}/dep/share/pkgconfig` } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`export PKG_CONFIG_SYSTEMD_SYSTEMDSYSTEMUNITDIR='${OUT}/lib/systemd/system'`);
    expect(fs.readFileSync(`${root}/shadow/systemd.pc`, 'utf8')).toContain(`systemdsystemunitdir=${OUT}/lib/systemd/system\n`);
  });

  test('.unitfixrc [install-dirs] adds variables to the table', async () => {
    fs.writeFileSync(`${root}/.unitfixrc`, '[install-dirs]\nmypkg.pluginsdir = out\n');
    fs.writeFileSync(`${root}/dep/lib/pkgconfig/mypkg.pc`, 'prefix=/nix/store/abc-mypkg\npluginsdir=${prefix}/lib/mypkg/plugins\nName: mypkg\nDescription: m\nVersion: 1\n');
    const result = await unitfix(['pkgconfig-shadow', '-q', '--prefix', OUT, '--out', `${root}/shadow`, '--path', `${root}/dep/lib/pkgconfig`], { cwd: root });
    expect(result.stdout).toBe(`export PKG_CONFIG_MYPKG_PLUGINSDIR='${OUT}/lib/mypkg/plugins'`);
  });
});
