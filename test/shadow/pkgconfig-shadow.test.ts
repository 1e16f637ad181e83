import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPkgConfigShadow } from '../../src/shadow/pkgconfig-shadow.js';
import { INSTALL_DIR_VARIABLES, NOT_REMAPPED, installDirsOf } from '../../src/formats/pkgconfig/install-dirs.js';
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
    ['systemd', 'sysctldir', `${OUT}/lib/sysctl.d`],
    ['systemd', 'binfmtdir', `${OUT}/lib/binfmt.d`],
    ['systemd', 'modulesloaddir', `${OUT}/lib/modules-load.d`],
    ['systemd', 'catalogdir', `${OUT}/lib/systemd/catalog`],
    ['systemd', 'systemdsystemgeneratordir', `${OUT}/lib/systemd/system-generators`],
    ['systemd', 'systemduserpresetdir', `${OUT}/lib/systemd/user-preset`],
    ['udev', 'udev_dir', `${OUT}/lib/udev`],
    ['dbus-1', 'datadir', `${OUT}/share`],
    ['dbus-1', 'sysconfdir', `${OUT}/share`],
    ['dbus-1', 'interfaces_dir', `${OUT}/share/dbus-1/interfaces`],
    ['bash-completion', 'helpersdir', `${OUT}/share/bash-completion/helpers`],
  ])('%s %s points into the package being built', (pkg, variable, expected) => {
    expect(pkgconf([shadow, ...dirs, stubs], [`--variable=${variable}`, pkg]).stdout).toBe(expected);
    // Without the shadow folder, pkgconf answers the dependency's own path.
    expect(pkgconf([...dirs, stubs], [`--variable=${variable}`, pkg]).stdout).not.toBe(expected);
  });

  test.each(['systemd', 'udev', 'dbus-1', 'polkit-gobject-1', 'bash-completion'])('%s: --cflags, --libs and every variable not in the table are unchanged', (pkg) => {
    for (const query of [['--cflags'], ['--libs'], ['--modversion']]) {
      expect(pkgconf([shadow, ...dirs, stubs], [...query, pkg])).toEqual(pkgconf([...dirs, stubs], [...query, pkg]));
    }
    const variables = pkgconf([...dirs, stubs], ['--print-variables', pkg]).stdout.split('\n').filter(Boolean);
    const remapped = new Set(installDirsOf(pkg).map((e) => e.variable));
    // pcfiledir is where pkgconf found the file: the copy's folder by definition.
    const others = variables.filter((v) => !remapped.has(v) && v !== 'pcfiledir');
    expect(others.length > 0 || pkg === 'udev').toBe(true);
    for (const variable of others) {
      expect({ variable, value: pkgconf([shadow, ...dirs, stubs], [`--variable=${variable}`, pkg]).stdout }).toEqual({ variable, value: pkgconf([...dirs, stubs], [`--variable=${variable}`, pkg]).stdout });
    }
  });

  test('every variable the table names for these packages exists in their .pc files (none is a guess)', () => {
    for (const pkg of ['systemd', 'udev', 'dbus-1', 'polkit-gobject-1', 'bash-completion']) {
      const variables = new Set(pkgconf([...dirs, stubs], ['--print-variables', pkg]).stdout.split('\n'));
      // user_tmpfiles_dir and the v252 spellings are in systemd 252's file; the table has nothing Debian's files lack.
      expect({ pkg, missing: installDirsOf(pkg).map((e) => e.variable).filter((v) => !variables.has(v)) }).toEqual({ pkg, missing: [] });
    }
  });

  test('only the definitions of remapped variables differ from the originals; comments stay', () => {
    for (const file of fs.readdirSync(shadow)) {
      const original = fs.readFileSync(dirs.map((d) => path.join(d, file)).find((p) => fs.existsSync(p))!, 'utf8').split('\n');
      const copy = fs.readFileSync(path.join(shadow, file), 'utf8').split('\n');
      expect(copy.length).toBe(original.length);
      const changed = copy.filter((line, i) => line !== original[i]);
      expect(changed.length).toBeGreaterThan(0);
      // A remapped definition, or one built on it written out with the value pkgconf gave it before.
      const pkg = file.slice(0, -3);
      for (const line of changed) {
        const [variable, value] = [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)];
        const before = pkgconf([...dirs, stubs], [`--variable=${variable}`, pkg]).stdout;
        expect({ line, ok: value.startsWith(`${OUT}/`) || value === before }).toEqual({ line, ok: true });
      }
    }
    expect(fs.readdirSync(shadow).sort()).toEqual(['bash-completion.pc', 'dbus-1.pc', 'polkit-gobject-1.pc', 'systemd.pc', 'udev.pc']);
  });
});

describe('pkgconfig-shadow on crafted files', () => {
  // fish.pc as fish's fish.pc.in makes it with prefix=/usr (no fish package in the corpus).
  const FISH = 'prefix=/usr\ndatadir=${prefix}/share\ncompletionsdir=${datadir}/fish/vendor_completions.d\nfunctionsdir=${datadir}/fish/vendor_functions.d\nconfdir=${datadir}/fish/vendor_conf.d\n\nName: fish\nDescription: fish, the friendly interactive shell\nVersion: 3.7.1\n';

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

  test.each([
    ['completionsdir', `${OUT}/share/fish/vendor_completions.d`],
    ['functionsdir', `${OUT}/share/fish/vendor_functions.d`],
    ['confdir', `${OUT}/share/fish/vendor_conf.d`],
  ])('fish %s points into the package being built, datadir stays', async (variable, expected) => {
    fs.writeFileSync(`${root}/dep/lib/pkgconfig/fish.pc`, FISH);
    await buildPkgConfigShadow({ searchPath: [`${root}/dep/lib/pkgconfig`], prefixes: { out: OUT }, outDir: `${root}/shadow` });
    const both = [`${root}/shadow`, `${root}/dep/lib/pkgconfig`];
    if (!hasTool('pkgconf')) return;
    expect(pkgconf(both, [`--variable=${variable}`, 'fish']).stdout).toBe(expected);
    expect(pkgconf(both, ['--variable=datadir', 'fish']).stdout).toBe('/usr/share');
  });

  test('a variable built on a remapped one keeps its value (one in the table follows it)', async () => {
    const dbus = 'prefix=/usr\ndatadir=${prefix}/share\nsystem_bus_services_dir=${datadir}/dbus-1/system-services\nschemadir=${datadir}/xml/dbus-1\nName: dbus\nDescription: d\nVersion: 1\n';
    fs.writeFileSync(`${root}/dep/lib/pkgconfig/dbus-1.pc`, dbus);
    const report = await buildPkgConfigShadow({ searchPath: [`${root}/dep/lib/pkgconfig`], prefixes: { out: OUT }, outDir: `${root}/shadow` });
    expect(report.packages.map((p) => p.name)).toEqual(['dbus-1']);
    expect(fs.readFileSync(`${root}/shadow/dbus-1.pc`, 'utf8')).toBe(dbus.replace('datadir=${prefix}/share', `datadir=${OUT}/share`).replace('${datadir}/xml', '/usr/share/xml'));
    if (hasTool('pkgconf')) {
      const both = [`${root}/shadow`, `${root}/dep/lib/pkgconfig`];
      expect(pkgconf(both, ['--variable=schemadir', 'dbus-1']).stdout).toBe('/usr/share/xml/dbus-1');
      expect(pkgconf(both, ['--variable=system_bus_services_dir', 'dbus-1']).stdout).toBe(`${OUT}/share/dbus-1/system-services`);
    }
  });

  test('a .pc whose flags are built on a variable to remap gets no copy, and says why', async () => {
    fs.writeFileSync(`${root}/dep/lib/pkgconfig/mine.pc`, 'prefix=/usr\ndatadir=${prefix}/share\nName: m\nDescription: m\nVersion: 1\nCflags: -I${datadir}/mine\n');
    const report = await buildPkgConfigShadow({ searchPath: [`${root}/dep/lib/pkgconfig`], prefixes: { out: OUT }, outDir: `${root}/shadow`, table: [{ package: 'mine', variable: 'datadir', output: 'out', what: 'test' }] });
    expect(report.packages).toEqual([]);
    expect(report.problems.map((p) => p.message)).toEqual(['Cflags is built on a remapped variable and would change; no copy written']);
    expect(fs.existsSync(`${root}/shadow/mine.pc`)).toBe(false);
  });

  test('the variables left alone on purpose are not in the table', () => {
    for (const left of NOT_REMAPPED) expect(INSTALL_DIR_VARIABLES.filter((e) => e.package === left.package && e.variable === left.variable)).toEqual([]);
  });
});
