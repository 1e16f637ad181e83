import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';

/** The package as users get it: npm pack, installed into a clean folder, used from there. */
describe('npm pack, installed into a clean folder', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-npm-'));
  const project = path.join(work, 'project');
  let tarball = '';
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    const name = execFileSync('npm', ['pack', '--pack-destination', work], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop()!;
    tarball = path.join(work, name);
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'ignore' });
  }, 300000);

  const bin = () => path.join(project, 'node_modules/.bin/unitfix');
  const run = (args: string[], cwd = project) => spawnSync(bin(), args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  test('the tarball holds the bundled CLI, the library with types, the hook and the docs, and nothing else', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('package/dist/unitfix.js');
    expect(files).toContain('package/dist/src/index.d.ts');
    expect(files).toContain('package/nix-hooks/unitfix-hook.sh');
    expect(files).toContain('package/docs/rules/unit-command-fhs.md');
    expect(files.filter((f) => /^package\/(test|src|bench|examples|scripts)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test('unitfix --version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect(run(['--version']).stdout.trim()).toBe(pkg.version);
  });

  test('unitfix fix and unitfix lint on the bundled example', () => {
    const example = path.join(work, 'example');
    fs.cpSync(path.join(REPO, 'examples/hello-daemon'), example, { recursive: true });
    const before = run(['lint', '--format', 'json', path.join(example, 'out')]);
    expect(before.status).toBe(1);
    const fixed = spawnSync(bin(), ['fix', '--host', path.join(example, 'out')], { encoding: 'utf8', env: { ...process.env, HOST_PATH: path.join(example, 'deps/coreutils/bin') } });
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('/usr/bin/hello-daemon → ');
    const after = JSON.parse(run(['lint', '--format', 'json', path.join(example, 'out')]).stdout);
    expect(after.findings.map((f: { message: string }) => f.message)).toEqual(['ExecStopPost runs /usr/bin/hello-cleanup, which a hermetic-/usr system does not have']);
    expect(run(['explain', 'unit-command-fhs']).stdout.split('\n')[0]).toBe('# unit-command-fhs');
  });

  test('the library is importable, with its types', () => {
    fs.writeFileSync(path.join(project, 'use.mjs'), "import { parseUnit, printUnit, RULES } from 'unitfix';\nconst b = Buffer.from('[Unit]\\nDescription=x\\n');\nconsole.log(printUnit(parseUnit(b)).equals(b), RULES.length > 10);\n");
    expect(execFileSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe('true true');
    expect(fs.existsSync(path.join(project, 'node_modules/unitfix/dist/src/index.d.ts'))).toBe(true);
  });
});
