import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { pathToFileURL } from 'node:url';
import { REPO, unitfix } from '../helpers/cli.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

const BAD = '[Service]\nExecStart=/usr/bin/foo\nProtectSystem=full\n';
let root: string;
beforeEach(() => {
  root = makeTree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': BAD, 'clean/lib/systemd/system/ok.service': '[Service]\nExecStart=/run/current-system/sw/bin/x\n' });
  fs.mkdirSync(`${root}/clean/bin`);
});
afterEach(() => removeTree(root));
const env = { NO_COLOR: '1' };

describe('unitfix lint (built CLI)', () => {
  test('stylish: file:line:col, severity, message, rule id, the source line with a caret, a summary; exit 1 on errors', async () => {
    const result = await unitfix(['lint', `${root}/out`], { env, cwd: root });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(
      [
        'out/lib/systemd/system/foo.service:2:11  error  ExecStart runs /usr/bin/foo, which a hermetic-/usr system does not have  unit-command-fhs',
        '    ExecStart=/usr/bin/foo',
        '              ^',
        `out/lib/systemd/system/foo.service:3:15  info  ProtectSystem=full makes /usr, /boot and /etc read-only; the programs and config of a hermetic-/usr system live in /nix/store, which it does not cover (ProtectSystem=strict or ReadOnlyPaths=/nix/store does)  protect-system`,
        '    ProtectSystem=full',
        '                  ^',
        '',
        '✖ 2 problems (1 error, 0 warnings, 1 info)',
        '  1 problem fixable with `unitfix lint --fix` (or the setup hook)',
      ].join('\n'),
    );
  });

  test('exit 0 with nothing to report, and no output', async () => {
    const result = await unitfix(['lint', `${root}/clean`], { env, cwd: root });
    expect([result.exitCode, result.stdout]).toEqual([0, '']);
  });

  test('--rule turns a rule off or changes its severity; --max-warnings counts warnings', async () => {
    const off = await unitfix(['lint', '--rule', 'unit-command-fhs=off', '--rule', 'protect-system=off', `${root}/out`], { env });
    expect([off.exitCode, off.stdout]).toEqual([0, '']);
    const warn = await unitfix(['lint', '--rule', 'unit-command-fhs=warning', `${root}/out`], { env });
    expect(warn.exitCode).toBe(0);
    const strict = await unitfix(['lint', '--rule', 'unit-command-fhs=warning', '--max-warnings', '0', `${root}/out`], { env });
    expect(strict.exitCode).toBe(1);
  });

  test('json and github reporters', async () => {
    const json = JSON.parse((await unitfix(['lint', '--format', 'json', `${root}/out`], { env })).stdout);
    expect(json.summary).toEqual({ error: 1, warning: 0, info: 1, fixable: 1, filesScanned: 1 });
    expect(json.findings[0]).toEqual({ ruleId: 'unit-command-fhs', severity: 'error', message: 'ExecStart runs /usr/bin/foo, which a hermetic-/usr system does not have', path: `${root}/out/lib/systemd/system/foo.service`, line: 2, column: 11, fixable: true });
    const github = await unitfix(['lint', '--format', 'github', `${root}/out`], { env, cwd: root });
    expect(github.stdout.split('\n')[0]).toBe('::error file=out/lib/systemd/system/foo.service,line=2,col=11,title=unit-command-fhs::ExecStart runs /usr/bin/foo, which a hermetic-/usr system does not have');
    expect(github.stdout.split('\n')[1]).toMatch(/^::notice file=out\/lib\/systemd\/system\/foo.service,line=3,col=15,title=protect-system::/);
  });

  test('sarif passes the official SARIF 2.1.0 schema, with rule help and physical locations; --output-file', async () => {
    const file = path.join(root, 'report.sarif');
    const result = await unitfix(['lint', '--format', 'sarif', '--output-file', file, `${root}/out`], { env, cwd: root });
    expect([result.exitCode, result.stdout]).toEqual([1, '']);
    const log = JSON.parse(fs.readFileSync(file, 'utf8'));
    const schema = createRequire(import.meta.url)('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // The schema is draft-04, as SARIF 2.1.0 publishes it.
    const ajv = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.find((r: { id: string }) => r.id === 'unit-command-fhs')).toMatchObject({ help: { markdown: expect.stringMatching(/^# unit-command-fhs\n/) } });
    expect(run.results[0]).toMatchObject({ ruleId: 'unit-command-fhs', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'out/lib/systemd/system/foo.service', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 11 } } }] });
  });

  test('sarif: each rule with results and its page once, relative URIs on bases, no absolute paths; size follows the findings', async () => {
    fs.writeFileSync(`${root}/out/lib/systemd/system/bar.service`, '[Service]\nExecStart=/usr/bin/bar\nExecStop=/bin/kill $MAINPID\nProtectSystem=yes\n');
    fs.mkdirSync(`${root}/out/lib/tmpfiles.d`);
    fs.writeFileSync(`${root}/out/lib/tmpfiles.d/foo.conf`, 'L /etc/x - - - - /usr/lib/x\nd /usr/lib/foo\n');
    fs.mkdirSync(`${root}/out/lib/pkgconfig`);
    fs.writeFileSync(`${root}/out/lib/pkgconfig/foo.pc`, 'prefix=/usr\nlibdir=${prefix}/lib\nName: foo\nVersion: 1\nDescription: foo\n');
    fs.mkdirSync(`${root}/out/lib/sysusers.d`);
    fs.writeFileSync(`${root}/out/lib/sysusers.d/foo.conf`, 'u foo - "Foo" /var/lib/foo /usr/sbin/nologin\n');
    const result = await unitfix(['lint', '--format', 'sarif', 'out'], { env, cwd: root });
    const log = JSON.parse(result.stdout);
    const run = log.runs[0];
    expect(run.results).toHaveLength(9);
    const ids = [...new Set(run.results.map((r: { ruleId: string }) => r.ruleId))].sort();
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(ids);
    expect(run.results.every((r: { ruleId: string; ruleIndex: number }) => run.tool.driver.rules[r.ruleIndex].id === r.ruleId)).toBe(true);
    // Each page once: its first paragraph (after the title) occurs once in the whole report.
    const pages = ids.map((id) => fs.readFileSync(path.join(REPO, `docs/rules/${id}.md`), 'utf8'));
    for (const page of pages) expect(result.stdout.split(JSON.stringify(page.split('\n\n')[1]).slice(1, -1)).length - 1).toBe(1);
    // The pages, and a few hundred bytes a finding: no more.
    const budget = pages.reduce((n, page) => n + Buffer.byteLength(JSON.stringify(page)), 0) + 9 * 400 + 2000;
    expect(Buffer.byteLength(result.stdout)).toBeLessThan(budget);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(root).href}/`, description: { text: 'the folder unitfix lint ran in' } } });
    for (const r of run.results) expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: expect.stringMatching(/^out\/lib\/[a-z.]+\/[a-z.]+(\/[a-z.]+)?$/), uriBaseId: '%SRCROOT%' });
    // The working folder is named once, as the base.
    expect(result.stdout.split(root).length - 1).toBe(1);
    // A path in the Nix store is relative to a NIX_STORE base; elsewhere, an absolute file URI.
    fs.mkdirSync(`${root}/elsewhere`);
    const store = await unitfix(['lint', '--format', 'sarif', '--store-dir', root, `${root}/out`], { env, cwd: `${root}/elsewhere` });
    const storeRun = JSON.parse(store.stdout).runs[0];
    expect(storeRun.originalUriBaseIds).toEqual({ NIX_STORE: { uri: `${pathToFileURL(root).href}/`, description: { text: 'the Nix store' } } });
    expect(storeRun.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'out/lib/pkgconfig/foo.pc', uriBaseId: 'NIX_STORE' });
  });

  test('sarif links rules to their pages where package.json says the repository is, and to nothing without one', async () => {
    const { formatSarif } = await import('../../src/lint/reporters/sarif.js');
    const finding = { ruleId: 'protect-system', severity: 'info' as const, message: 'm', path: '/x/y', line: 1, column: 1, fixable: false };
    const linked = JSON.parse(formatSarif([finding], [], () => '# page', { home: 'https://git.example.org/unitfix' })).runs[0];
    expect(linked.tool.driver.informationUri).toBe('https://git.example.org/unitfix');
    expect(linked.tool.driver.rules[0].helpUri).toBe('https://git.example.org/unitfix/blob/main/docs/rules/protect-system.md');
    const bare = JSON.parse(formatSarif([finding], [], () => '# page')).runs[0];
    expect([bare.tool.driver.informationUri, bare.tool.driver.rules[0].helpUri]).toEqual([undefined, undefined]);
    expect(bare.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///x/y' });
  });

  test('--quiet reports errors only; the exit status still counts everything', async () => {
    const quiet = await unitfix(['lint', '--quiet', '--format', 'json', `${root}/out`], { env });
    expect(JSON.parse(quiet.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['unit-command-fhs']);
    expect(quiet.exitCode).toBe(1);
    const warnings = await unitfix(['lint', '--quiet', '--rule', 'unit-command-fhs=warning', '--max-warnings', '0', `${root}/out`], { env });
    expect([warnings.exitCode, warnings.stdout]).toEqual([1, '']);
  });

  test('inline suppressions, and a suppression that suppresses nothing is reported', async () => {
    fs.writeFileSync(`${root}/out/lib/systemd/system/foo.service`, '[Service]\n# unitfix-disable-next-line unit-command-fhs\nExecStart=/usr/bin/foo\n# unitfix-disable protect-system, unit-unknown-key\nProtectSystem=full\n# unitfix-disable-next-line unit-command-fhs\nUser=x\n');
    const result = await unitfix(['lint', '--format', 'json', `${root}/out`], { env });
    const findings = JSON.parse(result.stdout).findings.map((f: { ruleId: string; line: number; message: string }) => `${f.line} ${f.ruleId} ${f.message}`);
    expect(findings).toEqual([
      '4 unused-suppression this unitfix-disable of unit-unknown-key suppresses nothing: remove it',
      '6 unused-suppression this unitfix-disable of unit-command-fhs suppresses nothing: remove it',
    ]);
    expect(result.exitCode).toBe(0);
    const quiet = await unitfix(['lint', '--format', 'json', '--rule', 'unused-suppression=off', `${root}/out`], { env });
    expect(JSON.parse(quiet.stdout).findings).toEqual([]);
  });

  test('.unitfixrc above the linted path: severities and ignores', async () => {
    fs.writeFileSync(`${root}/.unitfixrc`, '[rules]\nprotect-system = off\nunit-command-fhs = warning\n[ignore]\npaths[] = lib/systemd/system/ignored.service\n');
    fs.writeFileSync(`${root}/out/lib/systemd/system/ignored.service`, BAD);
    const result = await unitfix(['lint', '--format', 'json', `${root}/out`], { env });
    expect(JSON.parse(result.stdout).findings.map((f: { ruleId: string; severity: string; path: string }) => [f.ruleId, f.severity, path.basename(f.path)])).toEqual([['unit-command-fhs', 'warning', 'foo.service']]);
    expect(result.exitCode).toBe(0);
  });

  test('unit-location.etc-units = allow, from .unitfixrc [rule-options] or --rule-option; bad options are usage errors', async () => {
    fs.mkdirSync(`${root}/clean/etc/systemd/system`, { recursive: true });
    fs.writeFileSync(`${root}/clean/etc/systemd/system/d.service`, '[Service]\nExecStart=/run/current-system/sw/bin/x\n');
    const ids = (r: { stdout: string }) => JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids(await unitfix(['lint', '--format', 'json', `${root}/clean`], { env }))).toEqual(['unit-location']);
    expect(ids(await unitfix(['lint', '--format', 'json', '--rule-option', 'unit-location.etc-units=allow', `${root}/clean`], { env }))).toEqual([]);
    fs.writeFileSync(`${root}/.unitfixrc`, '[rule-options]\nunit-location.etc-units = allow\n');
    expect(ids(await unitfix(['lint', '--format', 'json', `${root}/clean`], { env }))).toEqual([]);
    // The command line wins over the file.
    expect(ids(await unitfix(['lint', '--format', 'json', '--rule-option', 'unit-location.etc-units=report', `${root}/clean`], { env }))).toEqual(['unit-location']);
    fs.writeFileSync(`${root}/.unitfixrc`, '[rule-options]\nunit-location.etc-units = yes\n');
    const bad = await unitfix(['lint', `${root}/clean`], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(`unitfix: ${root}/.unitfixrc: [rule-options] unit-location.etc-units = yes: use report or allow`);
    fs.rmSync(`${root}/.unitfixrc`);
    const unknown = await unitfix(['lint', '--rule-option', 'unit-location.etc=allow', `${root}/clean`], { env });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe("unitfix: --rule-option unit-location.etc=allow: unit-location.etc: unit-location has no option 'etc' (it has: etc-units)");
  });

  test('--rule wins over the .unitfixrc', async () => {
    fs.writeFileSync(`${root}/.unitfixrc`, '[rules]\nunit-command-fhs = off\nprotect-system = error\n');
    const ids = (r: { stdout: string }) => JSON.parse(r.stdout).findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`);
    expect(ids(await unitfix(['lint', '--format', 'json', `${root}/out`], { env }))).toEqual(['protect-system error']);
    expect(ids(await unitfix(['lint', '--format', 'json', '--rule', 'unit-command-fhs=warning', '--rule', 'protect-system=off', `${root}/out`], { env }))).toEqual(['unit-command-fhs warning']);
  });

  test('a bad .unitfixrc or --rule is a usage error: one line, exit 2', async () => {
    fs.writeFileSync(`${root}/.unitfixrc`, '[rules]\nno-such-rule = off\n');
    const bad = await unitfix(['lint', `${root}/out`], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(`unitfix: ${root}/.unitfixrc: [rules] no-such-rule: no such rule (see 'unitfix rules')`);
    fs.rmSync(`${root}/.unitfixrc`);
    const rule = await unitfix(['lint', '--rule', 'unit-command-fhs=loud', `${root}/out`], { env });
    expect(rule.exitCode).toBe(2);
    const missing = await unitfix(['lint', `${root}/nope`], { env });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`${root}/nope: error: no such file or directory`);
  });

  test('--fix applies the fix engine and reports only what is left', async () => {
    const result = await unitfix(['lint', '--fix', '--format', 'json', `${root}/out`], { env });
    expect(JSON.parse(result.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['protect-system']);
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/foo.service`, 'utf8')).toContain(`ExecStart=${root}/out/bin/foo`);
    expect(result.exitCode).toBe(0);
  });

  test("--fix looks where fix's options say: --host, --search-path, --output, --dependency, --fallback", async () => {
    const unit = `${root}/out/lib/systemd/system/foo.service`;
    const extra = makeTree({ 'host/bin/kill': EXEC, 'other/bin/foo': EXEC, 'tools/bin/gone': EXEC, 'coreutils/bin/true': EXEC });
    try {
      fs.writeFileSync(unit, '[Service]\nExecStart=/usr/bin/foo\nExecReload=/bin/kill $MAINPID\nExecStop=/usr/bin/gone\nExecStopPost=/bin/true\n');
      const args = ['lint', '--fix', '--rule', 'protect-system=off', '--host', '--output', `${extra}/other`, '--dependency', `${extra}/tools`, '--fallback', `${extra}/coreutils`, `${root}/out`];
      const result = await unitfix(args, { env: { ...env, HOST_PATH: `${extra}/host/bin`, PATH: '' } });
      expect(fs.readFileSync(unit, 'utf8')).toBe(`[Service]\nExecStart=${extra}/other/bin/foo\nExecReload=${extra}/host/bin/kill $MAINPID\nExecStop=${extra}/tools/bin/gone\nExecStopPost=${extra}/coreutils/bin/true\n`);
      expect(result.stderr).toBe(`${unit}:5: note: /bin/true → ${extra}/coreutils/bin/true from the fallback set: the package now refers to ${extra}/coreutils at run time`);
      expect([result.exitCode, result.stdout]).toEqual([0, '']);
      fs.writeFileSync(unit, '[Service]\nExecReload=/bin/kill $MAINPID\n');
      await unitfix(['lint', '--fix', '--search-path', `${extra}/host/bin`, `${root}/out`], { env: { ...env, PATH: '' } });
      expect(fs.readFileSync(unit, 'utf8')).toBe(`[Service]\nExecReload=${extra}/host/bin/kill $MAINPID\n`);
    } finally {
      removeTree(extra);
    }
  });

  test('unitfix rules lists every rule; explain prints its page; an unknown rule is exit 2', async () => {
    const rules = JSON.parse((await unitfix(['rules', '--json'])).stdout);
    expect(rules.map((r: { id: string }) => r.id)).toContain('unit-command-fhs');
    expect(rules.find((r: { id: string }) => r.id === 'unit-location').options['etc-units'].values).toEqual(['report', 'allow']);
    const page = await unitfix(['explain', 'unit-command-fhs']);
    expect(page.stdout.startsWith('# unit-command-fhs')).toBe(true);
    expect((await unitfix(['explain', 'nope'])).exitCode).toBe(2);
  });
});

describe('unitfix lint over many store paths (worker threads)', () => {
  test('gives the same findings as one thread, in the same order', async () => {
    const { lintPaths } = await import('../../src/lint/engine.js');
    const many = makeTree(Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`p${String(i).padStart(3, '0')}/lib/systemd/system/u${i}.service`, `[Service]\nExecStart=/usr/bin/u${i}\nProtectSystem=yes\n`])));
    try {
      const paths = Array.from({ length: 120 }, (_, i) => `${many}/p${String(i).padStart(3, '0')}`);
      const cli = JSON.parse((await unitfix(['lint', '--jobs', '2', '--format', 'json', ...paths], { env })).stdout);
      const library = await lintPaths({ paths });
      expect(cli.summary.filesScanned).toBe(120);
      expect(cli.findings).toEqual(library.findings.map(({ sourceLine: _, messageId: __, data: ___, ...f }) => f));
      expect(cli.findings).toHaveLength(240);
    } finally {
      removeTree(many);
    }
  });
});

test('suppressions and source lines count lines as systemd does (LF CR is one line end)', async () => {
  const root2 = makeTree({ 'out/lib/systemd/system/foo.service': '[Service]\n\r# unitfix-disable-next-line protect-system\n\rProtectSystem=yes\n\rExecStart=/usr/bin/x\n\r' });
  try {
    const result = await unitfix(['lint', '--format', 'json', `${root2}/out`], { env });
    const findings = JSON.parse(result.stdout).findings.map((f: { ruleId: string; line: number }) => `${f.line} ${f.ruleId}`);
    expect(findings).toEqual(['4 unit-command-fhs']);
  } finally {
    removeTree(root2);
  }
});
