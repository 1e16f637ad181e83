import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, unitfix } from '../helpers/cli.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

const UNIT = '[Service]\nExecStart=/usr/bin/foo --serve\nExecReload=/bin/kill -HUP $MAINPID\nExecStop=/usr/bin/gone\n';
let root: string;
let unit: string;
beforeEach(() => {
  root = makeTree({ 'out/bin/foo': EXEC, 'dep/bin/kill': EXEC, 'out/lib/systemd/system/foo.service': UNIT, 'out/lib/systemd/system/ok.service': '[Unit]\n' });
  unit = `${root}/out/lib/systemd/system/foo.service`;
});
afterEach(() => removeTree(root));

describe('unitfix fix (built CLI)', () => {
  test('rewrites, prints one line per changed file on stdout and warnings on stderr, exits 0', async () => {
    const result = await unitfix(['fix', '--host', `${root}/out`], { env: { NO_COLOR: '1', HOST_PATH: `${root}/dep/bin` } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${unit}: /usr/bin/foo → ${root}/out/bin/foo, /bin/kill → ${root}/dep/bin/kill`);
    expect(result.stderr).toBe(`${unit}:4:10: warning: ExecStop: cannot resolve /usr/bin/gone: no executable bin/gone in the outputs or the search path; left as it is`);
    expect(fs.readFileSync(unit, 'utf8')).toBe(UNIT.replace('/usr/bin/foo', `${root}/out/bin/foo`).replace('/bin/kill', `${root}/dep/bin/kill`));
  });

  test('--build looks on PATH, --host on HOST_PATH', async () => {
    const build = await unitfix(['fix', '--build', '--dry-run', `${root}/out`], { env: { NO_COLOR: '1', PATH: `${root}/dep/bin`, HOST_PATH: '' } });
    expect(build.stdout).toContain(`+ExecReload=${root}/dep/bin/kill`);
    const host = await unitfix(['fix', '--host', '--dry-run', `${root}/out`], { env: { NO_COLOR: '1', PATH: `${root}/dep/bin`, HOST_PATH: '' } });
    expect(host.exitCode).toBe(0);
    expect(host.stdout).toContain(`+ExecStart=${root}/out/bin/foo --serve`);
    expect(host.stdout).not.toContain('dep/bin/kill');
  });

  test('--search-path replaces HOST_PATH (what the hook passes: stdenv does not export HOST_PATH); --dependency and --fallback hold programs too', async () => {
    const extra = makeTree({ 'tools/bin/gone': EXEC, 'coreutils/bin/kill': EXEC });
    try {
      const given = await unitfix(['fix', '--host', '--dry-run', '--search-path', `${root}/dep/bin`, `${root}/out`], { env: { NO_COLOR: '1', HOST_PATH: '' } });
      expect(given.stdout).toContain(`+ExecReload=${root}/dep/bin/kill -HUP $MAINPID`);
      const empty = await unitfix(['fix', '--host', '--dry-run', '--search-path', '', `${root}/out`], { env: { NO_COLOR: '1', HOST_PATH: `${root}/dep/bin` } });
      expect(empty.stdout).not.toContain('dep/bin/kill');
      const result = await unitfix(['fix', '--host', '--search-path', '', '--dependency', `${extra}/tools`, '--fallback', `${extra}/coreutils`, `${root}/out`], { env: { NO_COLOR: '1' } });
      expect(result.exitCode).toBe(0);
      expect(fs.readFileSync(unit, 'utf8')).toBe(
        UNIT.replace('/usr/bin/foo', `${root}/out/bin/foo`).replace('/bin/kill', `${extra}/coreutils/bin/kill`).replace('/usr/bin/gone', `${extra}/tools/bin/gone`),
      );
      expect(result.stderr).toBe(`${unit}:3: note: /bin/kill → ${extra}/coreutils/bin/kill from the fallback set: the package now refers to ${extra}/coreutils at run time`);
    } finally {
      removeTree(extra);
    }
  });

  test('HOST_PATH of FHS folders: the warning says they were ignored and why', async () => {
    const result = await unitfix(['fix', '--host', '--dry-run', `${root}/out`], { env: { NO_COLOR: '1', HOST_PATH: '/usr/bin:/bin' } });
    expect(result.stderr.split('\n')).toContain(
      `${unit}:3:12: warning: ExecReload: cannot resolve /bin/kill: no executable bin/kill in the outputs (the search path had only FHS folders, /usr/bin:/bin, which a hermetic-/usr system does not have: ignored); left as it is`,
    );
  });

  test('fix ./result (a link to the store path) writes canonical paths, never a path through the link', async () => {
    fs.symlinkSync(`${root}/out`, `${root}/result`);
    const result = await unitfix(['fix', 'result'], { cwd: root, env: { NO_COLOR: '1' } });
    expect(result.exitCode).toBe(0);
    expect(fs.readFileSync(unit, 'utf8')).toContain(`ExecStart=${root}/out/bin/foo --serve`);
  });

  test('--dry-run prints a unified diff and writes nothing', async () => {
    const result = await unitfix(['fix', '--dry-run', `${root}/out`]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').slice(0, 6)).toEqual([
      `--- a${unit}`,
      `+++ b${unit}`,
      '@@ -1,4 +1,4 @@',
      ' [Service]',
      '-ExecStart=/usr/bin/foo --serve',
      `+ExecStart=${root}/out/bin/foo --serve`,
    ]);
    expect(fs.readFileSync(unit, 'utf8')).toBe(UNIT);
    // The same a/ b/ headers for a relative path; `patch -p1` applies either from its folder.
    const relative = await unitfix(['fix', '--dry-run', 'out'], { cwd: root });
    expect(relative.stdout.split('\n').slice(0, 2)).toEqual(['--- a/out/lib/systemd/system/foo.service', '+++ b/out/lib/systemd/system/foo.service']);
    const applies = spawnSync('git', ['apply', '--check', '-p1', '-v'], { cwd: '/', input: `${result.stdout}\n`, encoding: 'utf8' });
    expect([applies.status, applies.stderr.split('\n')[0]]).toEqual([0, `Checking patch ${unit.slice(1)}...`]);
  });

  test('--check exits 1 when something would change, 0 once fixed', async () => {
    const before = await unitfix(['fix', '--check', `${root}/out`]);
    expect(before.exitCode).toBe(1);
    expect(before.stdout).toBe(`${unit}: would change: /usr/bin/foo → ${root}/out/bin/foo`);
    expect(fs.readFileSync(unit, 'utf8')).toBe(UNIT);
    await unitfix(['fix', `${root}/out`]);
    const after = await unitfix(['fix', '--check', `${root}/out`]);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toBe('');
  });

  test('--output names the outputs to resolve against', async () => {
    const other = makeTree({ 'bin/foo': EXEC });
    try {
      const result = await unitfix(['fix', '--output', other, '--output', `${root}/out`, `${root}/out`]);
      expect(result.stdout).toContain(`/usr/bin/foo → ${other}/bin/foo`);
    } finally {
      removeTree(other);
    }
  });

  test('--wrapper maps or keeps setuid programs', async () => {
    fs.writeFileSync(unit, '[Service]\nUser=nobody\nExecStart=/usr/bin/sudo -u x true\nExecStop=/usr/bin/pkexec y\n');
    const result = await unitfix(['fix', '--wrapper', 'sudo=/opt/sudo-wrapper', '--wrapper', 'pkexec=', `${root}/out`]);
    expect(result.stdout).toBe(`${unit}: /usr/bin/sudo → /opt/sudo-wrapper`);
    expect(result.stderr).toMatch(/pkexec is a setuid wrapper/);
  });

  test('--wrappers FILE merges a JSON table over the built-in one, --wrapper over that; a bad table is a usage error', async () => {
    fs.writeFileSync(unit, '[Service]\nUser=nobody\nExecStart=/usr/bin/sudo -u x true\nExecStop=/usr/bin/pkexec y\n');
    fs.writeFileSync(`${root}/wrappers.json`, '{"sudo": "/opt/sudo", "pkexec": "/opt/pkexec"}');
    const result = await unitfix(['fix', '--dry-run', '--wrappers', `${root}/wrappers.json`, '--wrapper', 'pkexec=/opt/other', `${root}/out`]);
    expect(result.stdout).toContain('+ExecStart=/opt/sudo -u x true\n+ExecStop=/opt/other y');
    fs.writeFileSync(`${root}/wrappers.json`, '["sudo"]');
    const bad = await unitfix(['fix', '--wrappers', `${root}/wrappers.json`, `${root}/out`]);
    expect([bad.exitCode, bad.stderr]).toEqual([2, `unitfix: ${root}/wrappers.json: the wrapper table must be a JSON object of name to path or null`]);
  });

  test('a missing path is one line on stderr and exit 2; the other paths are still fixed', async () => {
    const result = await unitfix(['fix', `${root}/nope`, `${root}/out`]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`${root}/nope: error: no such file or directory`);
    expect(fs.readFileSync(unit, 'utf8')).toContain(`${root}/out/bin/foo`);
  });

  test.each([
    [['fix'], /missing <paths..>.*; see 'unitfix fix --help'$/],
    [['fix', '--host', '--build', 'x'], /mutually exclusive; see 'unitfix fix --help'$/],
    [['frobnicate'], /unknown command 'frobnicate'; see 'unitfix --help'$/],
    [['fix', '--wrapper', 'bad', 'x'], /^unitfix: --wrapper bad: expected NAME=PATH or NAME=$/],
    [[], /name a command.*; see 'unitfix --help'$/],
  ])('usage error %j exits 2 with one line', async (args, message) => {
    const result = await unitfix(args as string[]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });
});

describe('unitfix inspect and --version', () => {
  test('inspect --json gives sections, entries and parsed commands', async () => {
    const result = await unitfix(['inspect', '--json', unit]);
    expect(result.exitCode).toBe(0);
    const model = JSON.parse(result.stdout);
    expect(model).toMatchObject({
      format: 'unit',
      sections: [
        {
          name: 'Service',
          line: 1,
          entries: [
            { key: 'ExecStart', value: '/usr/bin/foo --serve', line: 2, commands: [{ prefixes: '', path: '/usr/bin/foo', argv: ['/usr/bin/foo', '--serve'] }] },
            { key: 'ExecReload', line: 3, commands: [{ argv: ['/bin/kill', '-HUP', '$MAINPID'] }] },
            { key: 'ExecStop', line: 4 },
          ],
        },
      ],
    });
  });

  test('inspect of an unreadable or unknown file exits 2 and goes on with the others', async () => {
    const result = await unitfix(['inspect', '--json', `${root}/missing.service`, unit]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/missing\.service: error: no such file or directory/);
    expect(JSON.parse(result.stdout).format).toBe('unit');
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const result = await unitfix(['--version']);
    expect(result.stdout).toBe(pkg.version);
  });
});

describe('help', () => {
  test.each([[[]], [['fix']], [['lint']], [['inspect']], [['pkgconfig-shadow']], [['rules']], [['explain']]])('unitfix %j --help describes every option and shows examples', async (command) => {
    const result = await unitfix([...command, '--help']);
    expect(result.exitCode).toBe(0);
    if (command.length === 0) {
      for (const c of ['fix', 'lint', 'inspect', 'pkgconfig-shadow', 'rules', 'explain', 'completion']) expect(result.stdout).toContain(`unitfix ${c}`);
      return;
    }
    expect(result.stdout).toContain('Examples:');
    // Every option the command declares is in its help, with a description (fix and lint share where they look).
    const shared = ['fix', 'lint'].includes(command[0]!) ? fs.readFileSync(path.join(REPO, 'src/cli/resolve-options.ts'), 'utf8') : '';
    const source = fs.readFileSync(path.join(REPO, `src/cli/commands/${command[0]}.ts`), 'utf8') + shared;
    const options = [...source.matchAll(/\.option\('([a-z-]+)', \{[^}]*describe: ['"]/g)].map((m) => m[1]!);
    expect(options.length).toBe((source.match(/\.option\(/g) ?? []).length);
    for (const option of options) expect(result.stdout).toMatch(new RegExp(`--${option}\\b.*\\S`));
  });

  test('shell completion is available', async () => {
    const result = await unitfix(['completion']);
    expect(result.stdout).toContain('_unitfix_yargs_completions');
  });
});
