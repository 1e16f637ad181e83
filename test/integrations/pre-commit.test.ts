import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';
import { describeIfTool } from '../helpers/tools.js';

/**
 * The hook as a package repository uses it, with the real pre-commit: it
 * installs unitfix from this repository (npm install, npm pack, which builds
 * the CLI; nothing prebuilt), lints what the repository holds, fails on a
 * hard-coded /usr path and passes once it is fixed.
 */
describeIfTool('pre-commit', 'pre-commit try-repo with the unitfix-lint hook', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-pre-commit-'));
  const repo = path.join(work, 'package-repo');
  const env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'cache'), NO_COLOR: '1' };
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  const tryRepo = () => spawnSync('pre-commit', ['try-repo', REPO, 'unitfix-lint', '--all-files'], { cwd: repo, encoding: 'utf8', env });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    fs.mkdirSync(path.join(repo, 'data'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'data/food.service.in'), '[Service]\nExecStart=/usr/bin/food --serve\nExecReload=@bindir@/foodctl reload\n');
    fs.writeFileSync(path.join(repo, 'data/food.pc.in'), 'prefix=@prefix@\nName: food\nDescription: d\nVersion: @VERSION@\n');
    fs.writeFileSync(path.join(repo, 'README'), 'not linted\n');
    git('init', '-q');
    git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'add', '-A');
    git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qm', 'init');
  });

  test('fails on a hard-coded /usr/bin in a unit template and names the placeholder', () => {
    const run = tryRepo();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('unitfix lint');
    expect(run.stdout).toContain('data/food.service.in:2:11  error  ExecStart hard-codes /usr/bin/food in a template: write @bindir@/food');
    expect(run.stdout).not.toContain('food.pc.in');
  });

  test('passes once the template uses the placeholder', () => {
    fs.writeFileSync(path.join(repo, 'data/food.service.in'), '[Service]\nExecStart=@bindir@/food --serve\nExecReload=@bindir@/foodctl reload\n');
    git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qam', 'fix');
    const run = tryRepo();
    expect(run.stdout).toMatch(/unitfix lint\.+Passed/);
    expect(run.status).toBe(0);
  });
});
