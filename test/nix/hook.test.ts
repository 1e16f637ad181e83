import fs from 'node:fs';
import path from 'node:path';
import { hookWorkspace, nixBuild, nixEnv, nixLog } from '../helpers/nix.js';
import { unitfix } from '../helpers/cli.js';
import { describeIfTool } from '../helpers/tools.js';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

describeIfTool('nix-build', 'the setup hook in a real nix-build, with stdenv’s variable semantics', () => {
  const { dir, launcher, stamp } = hookWorkspace();
  for (const name of ['units.nix', 'stdenv-semantics.sh', 'package-install.sh', 'installer-install.sh']) fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  // The hook file is read from the checkout, where units.nix expects it (../../../nix-hooks from fixtures).
  const expr = fs.readFileSync(path.join(FIXTURES, 'units.nix'), 'utf8').replace('../../../nix-hooks/unitfix-hook.sh', path.resolve(FIXTURES, '../../../nix-hooks/unitfix-hook.sh'));
  fs.writeFileSync(path.join(dir, 'units.nix'), expr);
  fs.writeFileSync(path.join(dir, 'default.nix'), `import ./units.nix { launcher = "${launcher}"; stamp = "${stamp}"; }\n`);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const build = (attr: string) => nixBuild(path.join(dir, 'default.nix'), attr)[0]!;
  const outputs = (attr: string) => ({ out: build(`${attr}.out`), bin: build(`${attr}.bin`), dev: build(`${attr}.dev`) });
  const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  const builderEnv = (out: string) => read(out, 'nix-support/builder-env.txt').split('\n');

  /** foo.service as the hook leaves it, given what the three kinds of dependency resolved to. */
  function fooService(bin: string, o: { mytool: string; kill: string; busctl: string; sudo: string }): string {
    return [
      '[Unit]',
      'Description=Foo',
      '',
      '[Service]',
      'User=foo',
      `ExecStart=${bin}/bin/foo --serve`,
      `ExecStartPost=${o.mytool} --ready`,
      // A build-platform tool (nativeBuildInputs) never ends up in a unit of a host output.
      'ExecStartPre=/usr/bin/buildtool --check',
      `ExecReload=${o.kill} -HUP $MAINPID`,
      `ExecStop=${o.busctl} call org.foo`,
      // User=foo: the setuid program goes to its wrapper; the file it is given, shipped in $bin, is rewritten too.
      `ExecStopPost=-${o.sudo} ${bin}/bin/foo --cleanup`,
      '',
    ].join('\n');
  }

  test('under strictDeps HOST_PATH is not exported, and a buildInputs command still resolves', () => {
    const toolDep = build('toolDep');
    const coreutils = build('coreutils');
    const { out, bin } = outputs('withHook');
    // The premise: the builder's children do not see HOST_PATH (as in nixpkgs' setup.sh).
    expect(builderEnv(out).filter((line) => line.startsWith('HOST_PATH='))).toEqual([]);
    expect(read(out, 'lib/systemd/system/foo.service')).toBe(
      fooService(bin, { mytool: `${toolDep}/bin/mytool`, kill: `${coreutils}/bin/kill`, busctl: '/usr/bin/busctl', sudo: '/run/wrappers/bin/sudo' }),
    );
    expect(read(out, 'lib/systemd/system/foo.service.d/check.conf')).toBe(`[Service]\nExecStartPre=${bin}/bin/foo --check\n`);
    const log = nixLog(out);
    expect(log).toContain(`unitfix: pointing systemd units, tmpfiles.d, sysusers.d and .pc files in ${out} at store paths (--host)`);
    // The fallback set adds a runtime reference; the build log says which, where.
    expect(log).toContain(`lib/systemd/system/foo.service:9: note: /bin/kill → ${coreutils}/bin/kill from the fallback set: the package now refers to ${coreutils} at run time`);
    expect(log).toMatch(/foo\.service:8:\d+: warning: ExecStartPre: cannot resolve \/usr\/bin\/buildtool/);
  });

  test('without strictDeps (HOST_PATH exported with initialPath’s FHS folders) the same units come out', () => {
    const toolDep = build('toolDep');
    const coreutils = build('coreutils');
    const { out, bin } = outputs('withoutStrictDeps');
    expect(builderEnv(out).some((line) => line.startsWith('HOST_PATH=') && line.includes(`${toolDep}/bin`))).toBe(true);
    expect(read(out, 'lib/systemd/system/foo.service')).toBe(
      fooService(bin, { mytool: `${toolDep}/bin/mytool`, kill: `${coreutils}/bin/kill`, busctl: '/usr/bin/busctl', sudo: '/run/wrappers/bin/sudo' }),
    );
  });

  test('__structuredAttrs: outputs from the associative array, unitfixFlags as a real array, the dependency command resolved', () => {
    const toolDep = build('toolDep');
    const coreutils = build('coreutils');
    const { out, bin, dev } = outputs('structured');
    expect(builderEnv(out).filter((line) => /^(HOST_PATH|unitfixFlags)=/.test(line))).toEqual([]);
    expect(read(out, 'lib/systemd/system/foo.service')).toBe(
      fooService(bin, { mytool: `${toolDep}/bin/mytool`, kill: `${coreutils}/bin/kill`, busctl: '/usr/bin/busctl', sudo: '/opt/my-sudo' }),
    );
    expect(read(dev, 'lib/pkgconfig/foo.pc').split('\n')[0]).toBe(`prefix=${dev}`);
    const { out: optedOut } = outputs('structuredOptedOut');
    expect(read(optedOut, 'lib/systemd/system/foo.service')).toContain('ExecStart=/usr/bin/foo --serve');
  });

  test('cross: the dev output resolves on the build platform (PATH), never from the host inputs or the fallback set', () => {
    const buildTool = build('buildTool');
    const { dev } = outputs('withHook');
    expect(nixLog(dev)).toContain(`in ${dev} at store paths (--build)`);
    expect(read(dev, 'lib/systemd/system/generate.service')).toBe(`[Service]\nExecStart=${buildTool}/bin/buildtool --generate\nExecStartPost=/usr/bin/mytool\n`);
    expect(read(dev, 'lib/pkgconfig/foo.pc').split('\n')[0]).toBe(`prefix=${dev}`);
  });

  test('dontUnitfixFallback turns the fallback set off; unitfixFallbackInputs adds to it', () => {
    const toolDep = build('toolDep');
    const coreutils = build('coreutils');
    const extraTools = build('extraTools');
    const { out, bin } = outputs('noFallback');
    expect(read(out, 'lib/systemd/system/foo.service')).toBe(
      fooService(bin, { mytool: `${toolDep}/bin/mytool`, kill: '/bin/kill', busctl: '/usr/bin/busctl', sudo: '/run/wrappers/bin/sudo' }),
    );
    expect(nixLog(out)).not.toContain('from the fallback set');
    const { out: extra, bin: extraBin } = outputs('extraFallback');
    expect(read(extra, 'lib/systemd/system/foo.service')).toBe(
      fooService(extraBin, { mytool: `${toolDep}/bin/mytool`, kill: `${coreutils}/bin/kill`, busctl: `${extraTools}/bin/busctl`, sudo: '/run/wrappers/bin/sudo' }),
    );
  });

  test("Bocaditos' os-release link points at the os-release package; sysusers shells at the dependency", () => {
    const osRelease = build('osRelease');
    const toolDep = build('toolDep');
    const { out } = outputs('withHook');
    expect(read(out, 'lib/tmpfiles.d/os-release.conf')).toBe(`L /etc/os-release - - - - ${osRelease}/lib/os-release\n`);
    expect(read(out, 'lib/sysusers.d/foo.conf')).toBe(`u foo - "Foo daemon" /var/lib/foo ${toolDep}/bin/nologin\n`);
  });

  test('D-Bus activation files and udev rules of the output are fixed in the same build', () => {
    const { out, bin } = outputs('withHook');
    expect(read(out, 'share/dbus-1/system-services/org.foo.service')).toBe(`[D-BUS Service]\nName=org.foo\nExec=${bin}/bin/foo --dbus\nUser=foo\n`);
    expect(read(out, 'lib/udev/rules.d/60-foo.rules')).toBe(`ACTION=="add", SUBSYSTEM=="foo", RUN+="${bin}/bin/foo --udev"\n`);
  });

  test('dontUnitfix=1 leaves the units alone', () => {
    const { out } = outputs('optedOut');
    expect(read(out, 'lib/systemd/system/foo.service')).toContain('ExecStart=/usr/bin/foo --serve');
  });

  test('unitfixFlags as a string reach unitfix fix', () => {
    const { out, bin } = outputs('withFlags');
    expect(read(out, 'lib/systemd/system/foo.service')).toContain(`ExecStopPost=-/opt/my-sudo ${bin}/bin/foo --cleanup`);
  });

  test('an output without unit folders starts no unitfix', () => {
    const { bin } = outputs('withHook');
    expect(nixLog(bin)).not.toContain(`in ${bin} at store paths`);
  });

  test('an install step that asks pkg-config for systemdsystemunitdir installs into its own $out', () => {
    const systemd = build('fakeSystemd');
    const out = build('installsUnit');
    expect(read(out, 'unitdir.txt')).toBe(`${out}/lib/systemd/system\n`);
    expect(fs.existsSync(path.join(out, 'lib/systemd/system/foo.service'))).toBe(true);
    expect(fs.existsSync(path.join(systemd, 'lib'))).toBe(false);
  });

  test('dontUnitfixPkgConfig=1 leaves pkg-config answering the dependency', () => {
    const systemd = build('fakeSystemd');
    const out = build('installerOptedOut');
    expect(read(out, 'unitdir.txt')).toBe(`${systemd}/lib/systemd/system\n`);
  });

  test('unitfix lint --closure lints every store path of the closure (nix-store --query --requisites)', async () => {
    const env = { ...nixEnv(), NO_COLOR: '1' };
    const { out } = outputs('extraFallback');
    const clean = await unitfix(['lint', '--format', 'json', '--closure', out], { env });
    const report = JSON.parse(clean.stdout);
    // What the hook could not resolve on each platform is all that is left: the build tool in the host
    // unit, and the host tool in the dev output's unit (the dev output is in the closure: the builder's
    // environment, kept in $out, names it).
    const errors = report.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.map((f: { ruleId: string; path: string; line: number }) => `${f.ruleId} ${path.basename(f.path)}:${f.line}`).sort()).toEqual([
      'unit-command-fhs foo.service:8',
      'unit-command-fhs generate.service:3',
    ]);
    expect(report.summary.filesScanned).toBeGreaterThanOrEqual(4);
    const { out: opted } = outputs('optedOut');
    const dirty = await unitfix(['lint', '--format', 'json', '--closure', opted], { env });
    expect(dirty.exitCode).toBe(1);
    expect(JSON.parse(dirty.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('unit-command-fhs');
  });
});
