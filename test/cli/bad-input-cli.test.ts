import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { BIN, unitfix } from '../helpers/cli.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

// Bad input gets one line on stderr, naming the file or flag and what is wrong, and exit 2; nothing is lost.
const UNIT = '[Service]\nExecStart=/usr/bin/foo\n';
let root: string;
beforeEach(() => {
  root = makeTree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': UNIT, 'loose/foo.service': UNIT, 'loose/bin/foo': EXEC });
  fs.mkdirSync(`${root}/empty`);
});
afterEach(() => removeTree(root));
const env = { NO_COLOR: '1' };

/** stderr as lines: `one line` means exactly one. */
const lines = (stderr: string) => (stderr === '' ? [] : stderr.split('\n'));

describe('a path with nothing unitfix reads', () => {
  test.each(['fix', 'lint'])('%s of an empty folder: one line, exit 2', async (command) => {
    const result = await unitfix([command, 'empty'], { env, cwd: root });
    expect(result.exitCode).toBe(2);
    // Both name the first folder of every format, from the one registry.
    expect(lines(result.stderr)).toEqual([`empty: error: no file to ${command}: it has none of the folders unitfix reads (lib/systemd/system, lib/tmpfiles.d, lib/sysusers.d, lib/pkgconfig, lib/udev/rules.d, share/dbus-1/services, …)${command === 'lint' ? ' and nothing else to report' : ''}; name files outside them one by one`]);
    expect(result.stdout).toBe('');
  });

  test('loose unit files outside a unit folder: the folder is an error, the files named one by one are read as units', async () => {
    const folder = await unitfix(['fix', 'loose'], { env, cwd: root });
    expect([folder.exitCode, lines(folder.stderr).length]).toEqual([2, 1]);
    expect(fs.readFileSync(`${root}/loose/foo.service`, 'utf8')).toBe(UNIT);
    const lint = await unitfix(['lint', '--format', 'json', 'loose/foo.service'], { env, cwd: root });
    expect(JSON.parse(lint.stdout).findings.map((f: { ruleId: string; line: number }) => `${f.line} ${f.ruleId}`)).toEqual(['2 unit-command-fhs']);
    const fix = await unitfix(['fix', '--output', 'loose', 'loose/foo.service'], { env, cwd: root });
    expect(fix.exitCode).toBe(0);
    expect(fs.readFileSync(`${root}/loose/foo.service`, 'utf8')).toBe(`[Service]\nExecStart=${root}/loose/bin/foo\n`);
  });

  test('lint of a file of no known format says so', async () => {
    fs.writeFileSync(`${root}/notes.txt`, 'ExecStart=/usr/bin/foo\n');
    const result = await unitfix(['lint', 'notes.txt'], { env, cwd: root });
    expect(result.exitCode).toBe(2);
    expect(lines(result.stderr)).toEqual(['notes.txt: error: not a file unitfix lints (by name: *.service and other units, tmpfiles.d/*.conf, sysusers.d/*.conf, *.pc, *udev*.rules, dbus-1/services/*.service; --deep: programs)']);
  });

  test('a unit folder with nothing to fix in it (what the hook may meet) is a quiet success', async () => {
    const masked = makeTree({ 'lib/systemd/system/multi-user.target.wants/foo.service': { symlink: '../foo.service' } });
    try {
      const result = await unitfix(['fix', masked], { env });
      expect([result.exitCode, result.stdout, result.stderr]).toEqual([0, '', '']);
    } finally {
      removeTree(masked);
    }
  });
});

describe('a binary file named like a unit', () => {
  // Like a program copied to the wrong name: text runs between NUL bytes, some of them look like settings.
  const binary = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00'), ...Array.from({ length: 200 }, (_, i) => Buffer.from(`\x00junk${i}\n[x\x00ExecStart=/usr/bin/x${i}\n\x00\xff\xfe`, 'latin1'))]);

  test('fix: one "binary, skipped" line, the file untouched, exit 0 (it stops no build)', async () => {
    fs.writeFileSync(`${root}/out/lib/systemd/system/x.service`, binary);
    const result = await unitfix(['fix', 'out'], { env, cwd: root });
    expect(lines(result.stderr)).toEqual(['out/lib/systemd/system/x.service:1:8: warning: binary (a NUL byte), skipped']);
    expect(result.exitCode).toBe(0);
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/x.service`).equals(binary)).toBe(true);
    // The unit beside it is still fixed.
    expect(result.stdout).toBe(`out/lib/systemd/system/foo.service: /usr/bin/foo → ${root}/out/bin/foo`);
  });

  test('lint: one syntax-error finding for the file', async () => {
    fs.writeFileSync(`${root}/out/lib/systemd/system/x.service`, binary);
    const result = await unitfix(['lint', '--format', 'json', '--rule', 'unit-command-fhs=off', 'out'], { env, cwd: root });
    expect(JSON.parse(result.stdout).findings.map((f: { ruleId: string; line: number; column: number; message: string }) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([
      '1:8 syntax-error binary (a NUL byte), not read as a unit file',
    ]);
    expect(result.exitCode).toBe(1);
  });

  test('latin-1 text (bytes that are not UTF-8, no NUL) is still text: fixed, its other bytes kept', async () => {
    const latin1 = Buffer.from('[Unit]\nDescription=D\xe9mon \xe0 l\'\xe9coute\n[Service]\nExecStart=/usr/bin/foo\n', 'latin1');
    fs.writeFileSync(`${root}/out/lib/systemd/system/foo.service`, latin1);
    const result = await unitfix(['fix', 'out'], { env, cwd: root });
    // What systemd says of such a line, not "binary".
    expect(lines(result.stderr)).toEqual(['out/lib/systemd/system/foo.service:2:1: warning: systemd would refuse this file: line is not valid UTF-8']);
    expect(result.exitCode).toBe(0);
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/foo.service`).equals(Buffer.concat([latin1.subarray(0, latin1.indexOf('/usr/bin/foo')), Buffer.from(`${root}/out/bin/foo\n`)]))).toBe(true);
  });
});

describe('mistakes on the command line: one line, exit 2', () => {
  test.each([
    [['inspect', '/nonexistent'], '/nonexistent: error: no such file or directory'],
    [['fix', 'nope'], 'nope: error: no such file or directory'],
    [['lint', 'nope'], 'nope: error: no such file or directory'],
    [['fix', '--hots', 'out'], "unitfix: unknown option --hots (did you mean --host?); see 'unitfix fix --help'"],
    [['lint', '--formt', 'json', 'out'], "unitfix: unknown option --formt (did you mean --format?); see 'unitfix lint --help'"],
    [['lnit', 'out'], "unitfix: unknown command 'lnit' (did you mean lint?); see 'unitfix --help'"],
    [['fix'], "unitfix: missing <paths..>: unitfix fix <paths..>; see 'unitfix fix --help'"],
    [['explain', 'unit-comand-fhs'], "unitfix: no rule 'unit-comand-fhs' (did you mean unit-command-fhs?); 'unitfix rules' lists them"],
    [['lint', '--rule', 'protect-sytem=off', 'out'], "unitfix: --rule protect-sytem=off: no such rule (did you mean protect-system?); 'unitfix rules' lists them"],
    [['lint', '--max-warnings', 'abc', 'out'], "unitfix: --max-warnings abc: give a whole number of warnings, 0 or more; see 'unitfix lint --help'"],
    [['lint', '--max-warnings', '-5', 'out'], "unitfix: --max-warnings -5: give a whole number of warnings, 0 or more; see 'unitfix lint --help'"],
    [['lint', '--host', 'out'], 'unitfix: --host says where --fix looks: add --fix, or leave it out'],
  ])('%j', async (args, line) => {
    const result = await unitfix(args, { env, cwd: root });
    expect(lines(result.stderr)).toEqual([line]);
    expect(result.exitCode).toBe(2);
  });

  test('a far-off word (as long as the rule ids) gets no suggestion', async () => {
    const result = await unitfix(['explain', 'qqqqqqqqqqqqqqqq'], { env });
    expect(result.stderr).toBe("unitfix: no rule 'qqqqqqqqqqqqqqqq'; 'unitfix rules' lists them");
  });
});

describe('a reader that closes the pipe early', () => {
  /** Many findings: more output than a pipe holds, so writes after `head` has gone fail with EPIPE. */
  function bigTree(): string {
    const entries: Record<string, string | typeof EXEC> = {};
    for (let i = 0; i < 1200; i++) entries[`out/lib/systemd/system/u${i}.service`] = `[Service]\nExecStart=/usr/bin/foo${i}\nExecStop=/usr/bin/gone${i}\n`;
    for (let i = 0; i < 1200; i++) entries[`out/bin/foo${i}`] = EXEC;
    return makeTree(entries);
  }

  /** `sh -c 'unitfix … | head -1'` under pipefail: the exit status of the pipeline. */
  async function throughHead(args: string, cwd: string): Promise<{ exitCode: number; stdout: string }> {
    return new Promise((resolve, reject) => {
      // stderr not read: it goes nowhere rather than filling a pipe no one empties.
      const child = spawn('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" ${args} | head -1`], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'ignore'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout }));
    });
  }

  /** Spawns unitfix and closes its stdout before it writes: every write fails. */
  async function closedAtOnce(args: readonly string[], cwd: string): Promise<{ exitCode: number; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ exitCode: code ?? -1, stderr }));
    });
  }

  test('lint | head -1 keeps the status of the errors found (1), and a clean lint stays 0', async () => {
    const tree = bigTree();
    try {
      const errors = await throughHead('lint out', tree);
      expect(errors.stdout).toMatch(/^out\/lib\/systemd\/system\/u0\.service:2:11 {2}error/);
      expect(errors.exitCode).toBe(1);
      const clean = await throughHead('lint --rule unit-command-fhs=off out', tree);
      expect(clean.exitCode).toBe(0);
    } finally {
      removeTree(tree);
    }
  });

  test('fix 2>&1 | head -1: warnings on a closed pipe neither fail the run nor stop the rewrite', async () => {
    const tree = bigTree();
    try {
      const result = await throughHead('fix out 2>&1', tree);
      expect(result.exitCode).toBe(0);
      expect(fs.readFileSync(`${tree}/out/lib/systemd/system/u1199.service`, 'utf8')).toContain(`ExecStart=${tree}/out/bin/foo1199`);
      // --check still says "would change" through a closed pipe.
      fs.writeFileSync(`${tree}/out/lib/systemd/system/u0.service`, '[Service]\nExecStart=/usr/bin/foo0\n');
      expect((await throughHead('fix --check out', tree)).exitCode).toBe(1);
    } finally {
      removeTree(tree);
    }
  });

  test('stdout closed before the first write: the status is the run\'s, errors still reach stderr', async () => {
    const lint = await closedAtOnce(['lint', 'out', 'nope'], root);
    expect(lint.exitCode).toBe(2);
    expect(lint.stderr).toBe('nope: error: no such file or directory\n');
    const findings = await closedAtOnce(['lint', 'out'], root);
    expect([findings.exitCode, findings.stderr]).toEqual([1, '']);
    const fix = await closedAtOnce(['fix', 'out'], root);
    expect([fix.exitCode, fix.stderr]).toEqual([0, '']);
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/foo.service`, 'utf8')).toBe(`[Service]\nExecStart=${root}/out/bin/foo\n`);
  });
});
