import fs from 'node:fs';
import path from 'node:path';
import { hookWorkspace, nixBuild, nixLog } from '../helpers/nix.js';
import { unitfix } from '../helpers/cli.js';
import { describeIfTool } from '../helpers/tools.js';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

describeIfTool('nix-build', 'the setup hook in a real nix-build', () => {
  const { dir, hook, stamp } = hookWorkspace();
  const expr = path.join(dir, 'units.nix');
  fs.copyFileSync(path.join(FIXTURES, 'units.nix'), expr);
  for (const builder of ['package-builder.sh', 'installer-builder.sh']) fs.copyFileSync(path.join(FIXTURES, builder), path.join(dir, builder));
  fs.writeFileSync(path.join(dir, 'default.nix'), `import ./units.nix { hook = ${hook}; stamp = "${stamp}"; }\n`);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const build = (attr: string) => nixBuild(path.join(dir, 'default.nix'), attr);
  const outputs = (attr: string) => ({ out: build(`${attr}.out`)[0]!, bin: build(`${attr}.bin`)[0]! });

  test('units in $out get commands from $bin and from the dependency on HOST_PATH', () => {
    const [dep] = build('dep');
    const { out, bin } = outputs('withHook');
    const unit = fs.readFileSync(path.join(out, 'lib/systemd/system/foo.service'), 'utf8');
    expect(unit).toBe(
      [
        '[Unit]',
        'Description=Foo',
        '',
        '[Service]',
        'User=foo',
        `ExecStart=${bin}/bin/foo --serve`,
        `ExecReload=${dep}/bin/kill -HUP $MAINPID`,
        // User=foo: the setuid program goes to its wrapper; its argument names a file $bin has.
        `ExecStopPost=-/run/wrappers/bin/sudo ${bin}/bin/foo --cleanup`,
        '',
      ].join('\n'),
    );
    const dropIn = fs.readFileSync(path.join(out, 'lib/systemd/system/foo.service.d/check.conf'), 'utf8');
    expect(dropIn).toBe(`[Service]\nExecStartPre=${bin}/bin/foo --check\n`);
    expect(nixLog(out)).toContain(`unitfix: pointing systemd units, tmpfiles.d, sysusers.d and .pc files in ${out} at store paths (--host)`);
  });

  test("Bocaditos' os-release link points at the os-release package; sysusers shells at the dependency", () => {
    const [osRelease] = build('osRelease');
    const [dep] = build('dep');
    const { out } = outputs('withHook');
    expect(fs.readFileSync(path.join(out, 'lib/tmpfiles.d/os-release.conf'), 'utf8')).toBe(`L /etc/os-release - - - - ${osRelease}/lib/os-release\n`);
    expect(fs.readFileSync(path.join(out, 'lib/sysusers.d/foo.conf'), 'utf8')).toBe(`u foo - "Foo daemon" /var/lib/foo ${dep}/bin/nologin\n`);
  });

  test('an output with only a .pc file is fixed too, on the build platform when it is the dev output', () => {
    const [dev] = build('withHook.dev');
    expect(nixLog(dev!)).toContain(`in ${dev} at store paths (--build)`);
    expect(fs.readFileSync(path.join(dev!, 'lib/pkgconfig/foo.pc'), 'utf8').split('\n')[0]).toBe(`prefix=${dev}`);
  });

  test('dontUnitfix=1 leaves the units alone', () => {
    const { out } = outputs('optedOut');
    expect(fs.readFileSync(path.join(out, 'lib/systemd/system/foo.service'), 'utf8')).toContain('ExecStart=/usr/bin/foo --serve');
  });

  test('unitfixFlags reach unitfix fix', () => {
    const { out } = outputs('withFlags');
    expect(fs.readFileSync(path.join(out, 'lib/systemd/system/foo.service'), 'utf8')).toMatch(/^ExecStopPost=-\/opt\/my-sudo \S+-unitfix-test-package-bin\/bin\/foo --cleanup$/m);
  });

  test('an output without unit folders starts no unitfix', () => {
    const { bin } = outputs('withHook');
    expect(nixLog(bin)).not.toContain(`in ${bin} at store paths`);
  });

  test("an install step that asks pkg-config for systemdsystemunitdir installs into its own $out", () => {
    const [systemd] = build('fakeSystemd');
    const [out] = build('installsUnit');
    expect(fs.readFileSync(path.join(out!, 'unitdir.txt'), 'utf8')).toBe(`${out}/lib/systemd/system\n`);
    expect(fs.existsSync(path.join(out!, 'lib/systemd/system/foo.service'))).toBe(true);
    expect(fs.existsSync(path.join(systemd!, 'lib'))).toBe(false);
  });

  test('dontUnitfixPkgConfig=1 leaves pkg-config answering the dependency', () => {
    const [systemd] = build('fakeSystemd');
    const [out] = build('installerOptedOut');
    expect(fs.readFileSync(path.join(out!, 'unitdir.txt'), 'utf8')).toBe(`${systemd}/lib/systemd/system\n`);
  });

  test('unitfix lint --closure lints every store path of the closure (nix-store --query --requisites)', async () => {
    const { out } = outputs('withHook');
    const clean = await unitfix(['lint', '--format', 'json', '--closure', out], { env: { NO_COLOR: '1', PATH: process.env['PATH'] ?? '', NIX_REMOTE: 'local' } });
    const report = JSON.parse(clean.stdout);
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(report.summary.filesScanned).toBeGreaterThanOrEqual(4);
    expect(clean.exitCode).toBe(0);
    const { out: opted } = outputs('optedOut');
    const dirty = await unitfix(['lint', '--format', 'json', '--closure', opted], { env: { NO_COLOR: '1', PATH: process.env['PATH'] ?? '', NIX_REMOTE: 'local' } });
    expect(dirty.exitCode).toBe(1);
    expect(JSON.parse(dirty.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('unit-command-fhs');
  });
});
