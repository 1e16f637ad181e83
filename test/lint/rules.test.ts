import { didYouMean } from '../../rules/unit-unknown-key.js';
import fs from 'node:fs';
import path from 'node:path';
import { lintPaths } from '../../src/lint/engine.js';
import { RULES } from '../../rules/index.js';
import { EXEC, makeTree, removeTree, type Entry } from '../helpers/tree.js';

let roots: string[] = [];
afterEach(() => {
  roots.forEach(removeTree);
  roots = [];
});

/** Lints a scratch store path with one rule; returns "relative:line:col message" per finding. */
async function lint(id: string, entries: Record<string, Entry>, options: { deep?: boolean; closure?: string[] } = {}): Promise<string[]> {
  const root = makeTree(entries);
  roots.push(root);
  const rule = RULES.find((r) => r.meta.id === id)!;
  const report = await lintPaths({ paths: [`${root}/out`], rules: [rule], storeDir: '/nix/store', ...options });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => `${path.relative(`${root}/out`, f.path)}:${f.line}:${f.column}${f.fixable ? ' (fixable)' : ''} ${f.message.replaceAll(root, 'R')}`);
}

const UNIT = 'lib/systemd/system/foo.service';

describe('unit-command-fhs', () => {
  test('fires on /usr, /bin, /sbin and bare commands, fixable when the output has them', async () => {
    expect(
      await lint('unit-command-fhs', {
        'out/bin/foo': EXEC,
        [`out/${UNIT}`]: '[Service]\nExecStart=/usr/bin/foo\nExecStop=-/bin/kill $MAINPID\nExecReload=foo\nExecStartPost=/sbin/x\n',
      }),
    ).toEqual([
      `${UNIT}:2:11 (fixable) ExecStart runs /usr/bin/foo, which a hermetic-/usr system does not have`,
      `${UNIT}:3:10 ExecStop runs /bin/kill, which a hermetic-/usr system does not have`,
      `${UNIT}:4:12 (fixable) ExecReload runs 'foo' by name; systemd looks it up in /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin`,
      `${UNIT}:5:15 ExecStartPost runs /sbin/x, which a hermetic-/usr system does not have`,
    ]);
  });
  test('stays quiet for store paths, other absolute paths, specifiers, shell commands and other sections', async () => {
    expect(
      await lint('unit-command-fhs', {
        [`out/${UNIT}`]: '[Service]\nExecStart=/nix/store/abc-foo/bin/foo\nExecStop=/etc/init.d/foo stop\nExecReload=/usr/lib/%N/x\nExecStartPre=|echo /usr/bin/x\nEnvironmentFile=/usr/bin/x\n[Install]\nExecStart=/usr/bin/x\n',
      }),
    ).toEqual([]);
  });
});

describe('unit-setting-fhs-path', () => {
  test('fires on /usr paths and on /etc config the package ships itself (unless optional); fixable where fix rewrites', async () => {
    expect(
      await lint('unit-setting-fhs-path', {
        'out/etc/foo/foo.conf': 'x',
        'out/share/foo/disabled': 'x',
        [`out/${UNIT}`]:
          '[Unit]\nConditionPathExists=!/usr/share/foo/disabled\n[Service]\nEnvironmentFile=/etc/foo/foo.conf\nEnvironmentFile=-/etc/foo/foo.conf\nReadOnlyPaths=-/usr/lib/foo /var/lib/foo +/usr/lib/x\nBindReadOnlyPaths=/usr/share/zoneinfo:/etc/zoneinfo\nWorkingDirectory=/var/lib/foo\nLoadCredential=key:/usr/share/foo/key\nStandardOutput=file:/usr/log\nEnvironment=PATH=/usr/bin:/usr/share/foo/bin\n',
      }),
    ).toEqual([
      `${UNIT}:2:22 (fixable) ConditionPathExists= names /usr/share/foo/disabled, which a hermetic-/usr system does not have`,
      `${UNIT}:4:17 EnvironmentFile= names /etc/foo/foo.conf, which the package ships in its own etc/: read it from the store path instead`,
      `${UNIT}:6:16 ReadOnlyPaths= names /usr/lib/foo, which a hermetic-/usr system does not have`,
      `${UNIT}:7:19 BindReadOnlyPaths= names /usr/share/zoneinfo, which a hermetic-/usr system does not have`,
      `${UNIT}:9:20 LoadCredential= names /usr/share/foo/key, which a hermetic-/usr system does not have`,
      `${UNIT}:10:21 StandardOutput= names /usr/log, which a hermetic-/usr system does not have`,
      `${UNIT}:11:18 Environment= names /usr/bin, which a hermetic-/usr system does not have`,
      `${UNIT}:11:27 Environment= names /usr/share/foo/bin, which a hermetic-/usr system does not have`,
    ]);
  });
});

describe('unit-argument-fhs', () => {
  test('fires on FHS paths in arguments and sh -c scripts; fixable where fix rewrites them', async () => {
    expect(
      await lint('unit-argument-fhs', {
        'out/bin/foo': EXEC,
        'out/share/foo/foo.conf': 'x',
        [`out/${UNIT}`]:
          "[Service]\nExecStart=/usr/bin/foo --config /usr/share/foo/foo.conf -f /etc/foo.conf /usr/share/foo/missing\nExecStop=/bin/sh -c '/usr/bin/foo stop; echo done'\nExecReload=/bin/sh -c '/usr/bin/foo \"$x\"/usr/lib/a'\nExecStartPre=|/usr/bin/foo /usr/share/foo/foo.conf\n",
      }),
    ).toEqual([
      `${UNIT}:2:33 (fixable) ExecStart names /usr/share/foo/foo.conf as an argument, which a hermetic-/usr system does not have; it is at R/out/share/foo/foo.conf`,
      `${UNIT}:2:74 ExecStart: cannot resolve /usr/share/foo/missing: no share/foo/missing in the outputs or dependencies`,
      `${UNIT}:3:22 (fixable) ExecStop names /usr/bin/foo in its shell script, which a hermetic-/usr system does not have; it is at R/out/bin/foo`,
      `${UNIT}:4:24 (fixable) ExecReload names /usr/bin/foo in its shell script, which a hermetic-/usr system does not have; it is at R/out/bin/foo`,
      `${UNIT}:4:37 ExecReload: /usr/lib/a in the shell script contains specifiers or variables`,
    ]);
  });
});

describe('unit-command-missing', () => {
  test('fires on store paths that do not exist, or are outside the closure', async () => {
    const findings = await lint('unit-command-missing', { [`out/${UNIT}`]: '[Service]\nExecStart=/nix/store/00000000000000000000000000000000-gone/bin/x\nExecStop=/bin/true\n' });
    expect(findings).toEqual([`${UNIT}:2:11 ExecStart runs /nix/store/00000000000000000000000000000000-gone/bin/x, which does not exist`]);
    const outside = await lint('unit-command-missing', { [`out/${UNIT}`]: '[Service]\nExecStart=/nix/store/00000000000000000000000000000000-other/bin/x\n' }, { closure: ['/nix/store/11111111111111111111111111111111-mine'] });
    expect(outside).toEqual([`${UNIT}:2:11 ExecStart runs /nix/store/00000000000000000000000000000000-other/bin/x, but /nix/store/00000000000000000000000000000000-other is not in the linted closure`]);
  });
});

describe('unit-location', () => {
  test('fires on units, tmpfiles.d and sysusers.d where systemd does not read them', async () => {
    expect(
      await lint('unit-location', {
        'out/usr/lib/systemd/system/a.service': '[Service]\n',
        'out/etc/systemd/system/b.service': '[Service]\n',
        'out/share/systemd/system/c.service': '[Service]\n',
        'out/share/tmpfiles.d/d.conf': 'd /run/d\n',
        'out/lib/systemd/system/ok.service': '[Service]\n',
        'out/share/systemd/user/ok.service': '[Service]\n',
        'out/lib/tmpfiles.d/ok.conf': 'd /run/ok\n',
      }),
    ).toEqual([
      "etc/systemd/system/b.service:1:1 etc/systemd/system/b.service is not where systemd reads units: on a hermetic-/usr system the package is /usr and etc/systemd is the administrator's (where units are enabled and overridden), so install it as $out/lib/systemd/system/b.service; NixOS also reads a package's etc/systemd: there, set unit-location.etc-units = allow",
      'share/systemd/system/c.service:1:1 share/systemd/system/c.service is not where systemd reads units: system units belong in $out/lib/systemd/system',
      'share/tmpfiles.d/d.conf:1:1 share/tmpfiles.d/d.conf is not where systemd reads tmpfiles.d files: systemd reads $out/lib/tmpfiles.d/',
      'usr/lib/systemd/system/a.service:1:1 usr/lib/systemd/system/a.service is not where systemd reads units: move it to $out/lib/systemd/system/a.service (the output is the /usr of a hermetic system)',
    ]);
  });

  test('etc-units = allow (NixOS links a package\'s etc/systemd units) quiets etc/systemd/{system,user} units only', async () => {
    const root = makeTree({
      'out/etc/systemd/system/docker.service': '[Service]\n',
      'out/etc/systemd/user/u.service': '[Service]\n',
      'out/etc/tmpfiles.d/t.conf': 'd /run/t\n',
      'out/usr/lib/systemd/system/a.service': '[Service]\n',
    });
    roots.push(root);
    const rule = RULES.find((r) => r.meta.id === 'unit-location')!;
    const run = async (ruleOptions: Record<string, Record<string, string>>) =>
      (await lintPaths({ paths: [`${root}/out`], rules: [rule], storeDir: '/nix/store', ruleOptions })).findings.map((f) => path.relative(`${root}/out`, f.path));
    expect(await run({})).toEqual(['etc/systemd/system/docker.service', 'etc/systemd/user/u.service', 'etc/tmpfiles.d/t.conf', 'usr/lib/systemd/system/a.service']);
    expect(await run({ 'unit-location': { 'etc-units': 'report' } })).toEqual(['etc/systemd/system/docker.service', 'etc/systemd/user/u.service', 'etc/tmpfiles.d/t.conf', 'usr/lib/systemd/system/a.service']);
    expect(await run({ 'unit-location': { 'etc-units': 'allow' } })).toEqual(['etc/tmpfiles.d/t.conf', 'usr/lib/systemd/system/a.service']);
  });
});

describe('folders no tool reads configuration from', () => {
  test('units and .pc files under share/doc, include or bin are examples, not linted (with or without --deep)', async () => {
    const entries = {
      'out/share/doc/foo/examples/systemd/system/example.service': '[Service]\nExecStart=/usr/bin/foo\n',
      'out/share/doc/foo/examples/pkgconfig/example.pc': 'prefix=/usr\nName: x\nDescription: x\nVersion: 1\n',
      'out/include/foo/systemd/system/header.service': '[Service]\nExecStart=/usr/bin/foo\n',
      'out/bin/tmpfiles.d/odd.conf': 'L /etc/x - - - - /usr/share/x\n',
      'out/share/foo/systemd/system/misplaced.service': '[Service]\nExecStart=/usr/bin/foo\n',
      'out/lib/systemd/system/foo.service': '[Service]\nExecStart=/usr/bin/foo\n',
    };
    const expected = [
      "lib/systemd/system/foo.service:2:11 ExecStart runs /usr/bin/foo, which a hermetic-/usr system does not have",
      "share/foo/systemd/system/misplaced.service:2:11 ExecStart runs /usr/bin/foo, which a hermetic-/usr system does not have",
    ];
    expect(await lint('unit-command-fhs', entries)).toEqual(expected);
    expect(await lint('unit-command-fhs', entries, { deep: true })).toEqual(expected);
    expect(await lint('pc-fhs-variable', entries, { deep: true })).toEqual([]);
    expect(await lint('tmpfiles-fhs-target', entries)).toEqual([]);
    expect(await lint('unit-location', entries, { deep: true })).toEqual([
      expect.stringMatching(/^share\/foo\/systemd\/system\/misplaced.service:1:1 /),
    ]);
  });

  test('--deep reads the programs in bin, sbin and libexec, not example scripts in share/doc', async () => {
    const script = { exec: true, content: '#!/bin/sh\ncat /usr/share/foo/data\n' } as const;
    expect(
      await lint('deep-fhs-strings', { 'out/share/doc/foo/examples/run.sh': script, 'out/include/foo/gen.sh': script, 'out/libexec/foo/helper': script, 'out/share/foo/hook': script }, { deep: true }),
    ).toEqual(['libexec/foo/helper:1:1 script embeds paths outside its store path: /usr/share/foo/data', 'share/foo/hook:1:1 script embeds paths outside its store path: /usr/share/foo/data']);
  });
});

describe('protect-system', () => {
  test('notes ProtectSystem=yes and full, not no or strict (which covers /nix/store)', async () => {
    const findings = await lint('protect-system', {
      [`out/${UNIT}`]: '[Service]\nProtectSystem=full\n',
      'out/lib/systemd/system/b.service': '[Service]\nProtectSystem=no\n',
      'out/lib/systemd/system/c.service': '[Service]\nProtectSystem=strict\n',
      'out/lib/systemd/system/d.service': '[Service]\nProtectSystem=yes\n',
    });
    expect(findings.map((f) => f.slice(0, f.indexOf(' read-only')))).toEqual([
      'lib/systemd/system/d.service:2:15 ProtectSystem=yes makes /usr and /boot',
      `${UNIT}:2:15 ProtectSystem=full makes /usr, /boot and /etc`,
    ]);
  });
});

describe('unit-unknown-key', () => {
  test("fires on unknown settings and sections, with a 'did you mean'", async () => {
    expect(
      await lint('unit-unknown-key', {
        [`out/${UNIT}`]: '[Unit]\nDescripton=x\n[Service]\nExecStart=/bin/x\nExecStartt=/bin/y\nX-Mine=1\nFrobnicate=1\n[Socket]\nListenStream=1\n[Instal]\nWantedBy=x\n[X-Custom]\nAnything=1\n',
      }),
    ).toEqual([
      `${UNIT}:2:1 systemd does not know Descripton= in [Unit]; did you mean Description=?`,
      `${UNIT}:5:1 systemd does not know ExecStartt= in [Service]; did you mean ExecStart=?`,
      `${UNIT}:7:1 systemd does not know Frobnicate= in [Service]`,
      `${UNIT}:8:2 systemd ignores section [Socket] in a .service unit`,
      `${UNIT}:10:2 systemd ignores section [Instal] in a .service unit; did you mean [Install]?`,
    ]);
  });
  test("a 100 KB key gets no 'did you mean' (and no quadratic comparison with every known name); a long typo still does", async () => {
    const huge = 'ExecStartX'.repeat(10_000);
    expect(didYouMean(huge, ['ExecStart', 'ExecStartPre'])).toBeUndefined();
    expect(didYouMean('RestrictAddressFamiliess', ['RestrictAddressFamilies', 'RestrictNamespaces'])).toBe('RestrictAddressFamilies');
    expect(didYouMean('execstart', ['ExecStart'])).toBe('ExecStart');
  });
  test('knows settings newer than the installed systemd (ExecReloadPost, v259)', async () => {
    expect(await lint('unit-unknown-key', { [`out/${UNIT}`]: '[Service]\nExecReloadPost=/bin/x\n' })).toEqual([]);
  });
});

describe('pc-fhs-variable', () => {
  test('fires on root variables and spelled-out flags under /usr or /etc, fixable', async () => {
    expect(
      await lint('pc-fhs-variable', {
        'out/lib/pkgconfig/foo.pc': 'prefix=/usr\nlibdir=${prefix}/lib\nsysconfdir=/etc\nName: foo\nDescription: d\nVersion: 1\nLibs: -L/usr/lib -lfoo\n',
        'out/lib/pkgconfig/ok.pc': 'prefix=/nix/store/abc-ok\nName: ok\nDescription: d\nVersion: 1\n',
      }),
    ).toEqual([
      'lib/pkgconfig/foo.pc:1:1 (fixable) prefix names /usr, a path a hermetic-/usr system does not have',
      'lib/pkgconfig/foo.pc:3:1 (fixable) sysconfdir names /etc, a path a hermetic-/usr system does not have',
      'lib/pkgconfig/foo.pc:7:1 (fixable) Libs names /usr, a path a hermetic-/usr system does not have',
    ]);
  });
});

describe('pc-dangling-path', () => {
  /**
   * Lints store path S/aaa-out (and other roots) with a scratch store dir S: `S/` in the
   * entries' contents stands for it; findings come back as "line message" with S shortened.
   */
  async function lintStore(entries: Record<string, string>, others: string[] = []): Promise<string[]> {
    const root = makeTree({});
    roots.push(root);
    const store = `${root}/store`;
    for (const [relative, text] of Object.entries(entries)) {
      fs.mkdirSync(path.dirname(`${root}/${relative}`), { recursive: true });
      fs.writeFileSync(`${root}/${relative}`, text.replaceAll('S/', `${store}/`));
    }
    const rule = RULES.find((r) => r.meta.id === 'pc-dangling-path')!;
    const report = await lintPaths({ paths: [`${store}/aaa-out`, ...others.map((o) => `${root}/${o}`)], rules: [rule], storeDir: store });
    expect(report.errors).toEqual([]);
    return report.findings.map((f) => `${f.line} ${f.message.replaceAll(store, 'S')}`);
  }
  const HEAD = 'Name: x\nDescription: x\nVersion: 1\n';

  test('a prefix joined onto an absolute store path (mosquitto), $dev/$dev (glslang), and folders the flags pass on that do not exist', async () => {
    const pc = [
      'prefix=S/aaa-out',
      'libdir=${prefix}/S/aaa-out/lib',
      'includedir=S/bbb-dev/S/bbb-dev/include',
      'datadir=S/ccc-dev/include',
      'Libs: -L${libdir} -lx -LS/ddd-gone/lib',
      'Cflags: -I${datadir} -IS/aaa-out/include/sub',
      HEAD,
    ].join('\n');
    expect(await lintStore({ 'store/aaa-out/lib/pkgconfig/x.pc': pc, 'store/aaa-out/include/x.h': '', 'store/ccc-dev/lib/.keep': '' })).toEqual([
      '2 libdir=S/aaa-out/S/aaa-out/lib joins a store path onto another (a prefix put before an absolute path): it names nothing',
      '3 includedir=S/bbb-dev/S/bbb-dev/include joins a store path onto another (a prefix put before an absolute path): it names nothing',
      '4 datadir=S/ccc-dev/include does not exist, and the flags pass it on: S/ccc-dev has no such folder or file',
      '5 Libs: -LS/ddd-gone/lib does not exist: S/ddd-gone is neither on this machine nor among the linted paths',
      '6 Cflags: -IS/aaa-out/include/sub does not exist: S/aaa-out has no such folder or file',
    ]);
  });

  test('quiet for what exists, for a libdir no flag uses (header-only packages), for FHS paths, and for folders in another linted root', async () => {
    const pc = `prefix=S/aaa-out\nlibdir=\${prefix}/lib\nincludedir=\${prefix}/include\n${HEAD}Cflags: -I\${includedir} -I/usr/include/x -IS/eee-dep/include\n`;
    // The dependency is linted from a copy whose folder has the store object's name.
    const entries = { 'store/aaa-out/share/pkgconfig/x.pc': pc, 'store/aaa-out/include/x.h': '', 'copies/eee-dep/include/e.h': '' };
    expect(await lintStore(entries, ['copies/eee-dep'])).toEqual([]);
    // Without that root, the dependency's folder is nowhere: the same file is a finding.
    expect(await lintStore(entries)).toEqual(['7 Cflags: -IS/eee-dep/include does not exist: S/eee-dep is neither on this machine nor among the linted paths']);
  });
});

describe('tmpfiles rules', () => {
  const TMP = 'lib/tmpfiles.d/foo.conf';
  test('tmpfiles-fhs-target: links and copies into /usr', async () => {
    expect(
      await lint('tmpfiles-fhs-target', { 'out/lib/os-release': 'x', [`out/${TMP}`]: 'L /etc/os-release - - - - ../usr/lib/os-release\nL /etc/x - - - - /usr/lib/missing\nL /run/ok - - - - /run/elsewhere\n' }),
    ).toEqual([
      `${TMP}:1:27 (fixable) the target ../usr/lib/os-release is under /usr; the file is at R/out/lib/os-release`,
      `${TMP}:2:18 /usr/lib/missing (/usr/lib/missing) is in no output or dependency`,
    ]);
  });
  test('tmpfiles-implicit-source: C and L without argument', async () => {
    expect(await lint('tmpfiles-implicit-source', { 'out/share/factory/etc/issue': 'x', [`out/${TMP}`]: 'C /etc/issue\nL /etc/motd\nC /etc/x - - - - /run/src\n' })).toEqual([
      `${TMP}:1:1 (fixable) 'C' without an argument copies from /usr/share/factory/etc/issue`,
      `${TMP}:2:1 'L' without an argument links from /usr/share/factory/etc/motd, which no output or dependency ships`,
    ]);
  });
  test('tmpfiles-creates-in-usr: creating under /usr, not ignoring or removing', async () => {
    expect(await lint('tmpfiles-creates-in-usr', { [`out/${TMP}`]: 'd /usr/lib/foo 0755\nf /usr/share/x\nx /usr/tmp/*\nd /var/lib/foo\n' })).toEqual([
      `${TMP}:1:3 'd' creates /usr/lib/foo: there is no /usr to create it in on a hermetic-/usr system`,
      `${TMP}:2:3 'f' creates /usr/share/x: there is no /usr to create it in on a hermetic-/usr system`,
    ]);
  });
});

describe('sysusers-fhs-path', () => {
  test('shells under /usr or /bin (fixable when found) and homes under /usr', async () => {
    expect(await lint('sysusers-fhs-path', { 'out/bin/nologin': EXEC, 'out/lib/sysusers.d/foo.conf': 'u foo - - /usr/share/foo /usr/sbin/nologin\nu bar - - /var/lib/bar /bin/zsh\nu ok - - /var/lib/ok -\n' })).toEqual([
      'lib/sysusers.d/foo.conf:1:11 home /usr/share/foo is under /usr, which a hermetic-/usr system does not have',
      'lib/sysusers.d/foo.conf:1:26 (fixable) the shell /usr/sbin/nologin is under /usr or /bin; it is at R/out/bin/nologin',
      'lib/sysusers.d/foo.conf:2:24 cannot resolve shell /bin/zsh: no executable bin/zsh in the outputs (the search path is empty)',
    ]);
  });
});

describe('forbidden-folder', () => {
  test('lib/credstore, lib/kernel, lib/rpm and empty lib/systemd folders', async () => {
    const root = makeTree({ 'out/lib/credstore/x': 'x', 'out/lib/rpm/macros': 'x', 'out/lib/systemd/system/ok.service': '[Unit]\n' });
    roots.push(root);
    const fs = await import('node:fs');
    fs.mkdirSync(`${root}/out/lib/systemd/user`);
    fs.mkdirSync(`${root}/out/lib/kernel`);
    const report = await lintPaths({ paths: [`${root}/out`], rules: RULES.filter((r) => r.meta.id === 'forbidden-folder') });
    expect(report.findings.map((f) => `${path.relative(`${root}/out`, f.path)}: ${f.message}`)).toEqual([
      'lib/credstore: lib/credstore/ should not ship: credentials belong to the system, not to a package',
      'lib/kernel: lib/kernel/ should not ship: kernel install plugins and config belong to the image, not to a package',
      'lib/rpm: lib/rpm/ should not ship: RPM macros and helpers have no use outside an RPM build',
      'lib/systemd/user: lib/systemd/user/ is empty: remove it (rmdir in postInstall), it only adds noise to the system tree',
    ]);
  });
});

describe('syntax-error', () => {
  test('lines the real tools refuse', async () => {
    expect(await lint('syntax-error', { [`out/${UNIT}`]: '[Service\nExecStart=/bin/x\n', 'out/lib/tmpfiles.d/x.conf': 'd relative\n' })).toEqual([
      `${UNIT}:1:1 systemd refuses this unit: invalid section header '[Service': no closing ']'`,
      "lib/tmpfiles.d/x.conf:1:1 systemd-tmpfiles rejects this line: path 'relative' is not absolute",
    ]);
  });
});

describe('deep-fhs-strings (--deep)', () => {
  test('scripts and ELF files with embedded paths; the ELF section is named', async () => {
    const fs = await import('node:fs');
    const elf = fs.readFileSync('/bin/true');
    const elfText = elf.toString('latin1');
    const findings = await lint(
      'deep-fhs-strings',
      {
        'out/bin/script': { exec: true, content: '#!/bin/sh\ncat /usr/share/foo/data /etc/foo.conf\n' },
        'out/bin/elf': { mode: 0o555, content: elfText },
        'out/lib/not-executable.so': elf,
        'out/share/doc/readme': 'see /usr/share/doc',
      },
      { deep: true },
    );
    expect(findings[0]).toMatch(/^bin\/elf:1:1 ELF file embeds paths outside its store path: .*\/usr\/(share|lib)\/[^ ]+ \(\.rodata\)/);
    expect(findings[1]).toBe('bin/script:1:1 script embeds paths outside its store path: /usr/share/foo/data, /etc/foo.conf');
    expect(findings).toHaveLength(2);
    expect(await lint('deep-fhs-strings', { 'out/bin/script': { exec: true, content: '#!/bin/sh\ncat /usr/share/x\n' } })).toEqual([]);
  });

  test("dwz's debug link (/usr/lib/debug/.dwz/… in .gnu_debugaltlink) is not reported, on its own or in a list", async () => {
    const fs = await import('node:fs');
    // Debian builds its programs with dwz: /bin/true names the shared debug file, and /usr/share/locale.
    const elfText = fs.readFileSync('/bin/true').toString('latin1');
    expect(elfText).toMatch(/\/usr\/lib\/debug\/\.dwz\/[^\0]+\.debug/);
    const withLocale = await lint('deep-fhs-strings', { 'out/bin/true': { mode: 0o555, content: elfText } }, { deep: true });
    expect(withLocale).toHaveLength(1);
    expect(withLocale[0]).toContain('/usr/share/locale');
    expect(withLocale[0]).not.toContain('.dwz');
    // The same program with its other /usr path moved into the store: only the debug link is left.
    const onlyDebugLink = elfText.replaceAll('/usr/share/locale', '/nix/store/local');
    expect(await lint('deep-fhs-strings', { 'out/bin/true': { mode: 0o555, content: onlyDebugLink } }, { deep: true })).toEqual([]);
  });
});

describe('unit-command-in-etc', () => {
  test('fires on commands under /etc, not on arguments or other paths', async () => {
    expect(
      await lint('unit-command-in-etc', {
        [`out/${UNIT}`]: '[Service]\nExecStart=/etc/cron.daily/exim4-base\nExecStop=-/etc/init.d/foo stop\nExecReload=/nix/store/abc-foo/bin/foo --config /etc/foo.conf\nEnvironmentFile=/etc/default/foo\n',
      }),
    ).toEqual([
      `${UNIT}:2:11 ExecStart runs /etc/cron.daily/exim4-base, but the /etc of a hermetic-/usr image holds no package files: install the program in the package and run it from there`,
      `${UNIT}:3:10 ExecStop runs /etc/init.d/foo, but the /etc of a hermetic-/usr image holds no package files: install the program in the package and run it from there`,
    ]);
  });
});

describe('conf-suffix-missing', () => {
  test('fires on files without .conf directly in tmpfiles.d and sysusers.d folders', async () => {
    expect(
      await lint('conf-suffix-missing', {
        'out/lib/tmpfiles.d/nut-common.tmpfiles': 'd /run/nut 0750 nut nut -\n',
        'out/lib/tmpfiles.d/ok.conf': 'd /run/ok 0755 root root -\n',
        'out/lib/sysusers.d/nut': 'u nut -\n',
        'out/share/doc/x/tmpfiles.d/README': 'x',
        'out/lib/tmpfiles.d.old/x': 'x',
      }),
    ).toEqual([
      'lib/sysusers.d/nut:1:1 systemd-sysusers reads only *.conf in sysusers.d/, so it ignores nut: rename it to nut.conf',
      'lib/tmpfiles.d/nut-common.tmpfiles:1:1 systemd-tmpfiles reads only *.conf in tmpfiles.d/, so it ignores nut-common.tmpfiles: rename it to nut-common.conf',
    ]);
  });
});
