import fs from 'node:fs';
import path from 'node:path';
import { lintPaths, type LintOptions } from '../../src/lint/engine.js';
import { closureOf } from '../../src/lint/closure.js';
import { ConfigError } from '../../src/lint/config.js';
import { UsageError } from '../../src/usage-error.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

/**
 * What the CLI used to do around lintPaths is lintPaths' own now: the
 * closure from nix-store, .unitfixrc files with ID=VALUE settings over
 * them, and --fix. These check each on real trees.
 */
const BAD = '[Service]\nExecStart=/usr/bin/foo\nProtectSystem=full\n';
let root: string;
beforeEach(() => {
  root = makeTree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/foo.service': BAD, 'clean/etc/systemd/system/d.service': '[Service]\nExecStart=/run/current-system/sw/bin/x\n' });
});
afterEach(() => removeTree(root));

async function found(options: Partial<LintOptions> & { paths?: string[] }): Promise<string[]> {
  const report = await lintPaths({ paths: [`${root}/out`], storeDir: '/nix/store', ...options });
  return report.findings.map((f) => `${f.ruleId} ${f.severity}`);
}

describe('lintPaths: config files, typed options and settings, each over the one before', () => {
  test('a .unitfixrc sets severities and ignores; severities over it; ID=VALUE settings over both', async () => {
    const rc = path.join(root, 'rc');
    fs.writeFileSync(rc, '[rules]\nprotect-system = off\nunit-command-fhs = warning\n');
    expect(await found({})).toEqual(['unit-command-fhs error', 'protect-system info']);
    expect(await found({ config: [rc] })).toEqual(['unit-command-fhs warning']);
    expect(await found({ config: [rc], severities: { 'unit-command-fhs': 'info' } })).toEqual(['unit-command-fhs info']);
    expect(await found({ config: [rc], severities: { 'unit-command-fhs': 'info' }, rule: ['unit-command-fhs=error', 'protect-system=warning'] })).toEqual(['unit-command-fhs error', 'protect-system warning']);
    fs.appendFileSync(rc, '[ignore]\npaths[] = lib/systemd/system/foo.service\n');
    expect(await found({ config: [rc] })).toEqual([]);
  });

  test("'nearest' finds the .unitfixrc above a linted path; without config none is read", async () => {
    fs.writeFileSync(path.join(root, '.unitfixrc'), '[rules]\nprotect-system = off\n');
    expect(await found({ config: 'nearest' })).toEqual(['unit-command-fhs error']);
    expect(await found({})).toEqual(['unit-command-fhs error', 'protect-system info']);
  });

  test('rule options: the config, then ruleOptions, then RULE.OPTION=VALUE settings', async () => {
    const clean = { paths: [`${root}/clean`] };
    const rc = path.join(root, 'rc');
    fs.writeFileSync(rc, '[rule-options]\nunit-location.etc-units = allow\n');
    expect(await found(clean)).toEqual(['unit-location warning']);
    expect(await found({ ...clean, config: [rc] })).toEqual([]);
    expect(await found({ ...clean, config: [rc], ruleOptions: { 'unit-location': { 'etc-units': 'report' } } })).toEqual(['unit-location warning']);
    expect(await found({ ...clean, ruleOptions: { 'unit-location': { 'etc-units': 'report' } }, ruleOption: ['unit-location.etc-units=allow'] })).toEqual([]);
  });

  test.each([
    [{ rule: ['protect-sytem=off'] }, "--rule protect-sytem=off: no such rule (did you mean protect-system?); 'unitfix rules' lists them"],
    [{ rule: ['protect-system=loud'] }, '--rule protect-system=loud: use ID=error|warning|info|off'],
    [{ ruleOption: ['unit-location.etc=allow'] }, "--rule-option unit-location.etc=allow: unit-location.etc: unit-location has no option 'etc' (it has: etc-units)"],
    [{ ruleOption: ['unit-location.etc-units'] }, '--rule-option unit-location.etc-units: write RULE.OPTION=VALUE'],
    [{ config: ['/nonexistent/rc'] }, /^\/nonexistent\/rc: cannot read: /],
  ])('a bad setting %j is a ConfigError, a UsageError, before anything is read', async (options, message) => {
    const error = await lintPaths({ paths: [`${root}/out`], ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('lintPaths with fix: the fixes first, then what is left', () => {
  test('fix: true rewrites the linted paths and reports one FixReport each', async () => {
    const report = await lintPaths({ paths: [`${root}/out`], fix: true, storeDir: '/nix/store' });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['protect-system']);
    expect(report.fixes.map((r) => r.files.filter((f) => f.status === 'changed').map((f) => f.replacements.map((x) => `${x.from} → ${x.to}`)))).toEqual([[[`/usr/bin/foo → ${root}/out/bin/foo`]]]);
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/foo.service`, 'utf8')).toBe(BAD.replace('/usr/bin/foo', `${root}/out/bin/foo`));
    expect((await lintPaths({ paths: [`${root}/out`] })).fixes).toEqual([]);
  });

  test("without a search path it looks in the closure's bin/ (the engine's search path), else on PATH; with one, where it says", async () => {
    const extra = makeTree({ 'dep/bin/kill': EXEC, 'host/bin/kill': EXEC, 'onpath/bin/kill': EXEC });
    const unit = `${root}/out/lib/systemd/system/foo.service`;
    const PATH = process.env['PATH'];
    const fixed = async (options: Partial<LintOptions>): Promise<string> => {
      fs.writeFileSync(unit, '[Service]\nExecReload=/bin/kill $MAINPID\n');
      const report = await lintPaths({ paths: [`${root}/out`], ...options });
      expect(report.findings).toEqual([]);
      return fs.readFileSync(unit, 'utf8').replace('[Service]\nExecReload=', '').replace(' $MAINPID\n', '');
    };
    try {
      process.env['PATH'] = `${extra}/onpath/bin`;
      expect(await fixed({ closure: [`${extra}/dep`], fix: true })).toBe(`${extra}/dep/bin/kill`);
      expect(await fixed({ fix: true })).toBe(`${extra}/onpath/bin/kill`);
      expect(await fixed({ closure: [`${extra}/dep`], fix: { searchPath: [`${extra}/host/bin`] } })).toBe(`${extra}/host/bin/kill`);
    } finally {
      process.env['PATH'] = PATH;
      removeTree(extra);
    }
  });
});

describe('closureOf and lintPaths({ closureOf }): what nix-store --query --requisites lists', () => {
  // A stand-in nix-store on PATH: it answers for the roots this test names, as the real one would.
  let bin: string;
  const PATH = process.env['PATH'];
  beforeEach(() => {
    bin = makeTree({
      'nix-store': {
        exec: true,
        content: `#!/bin/sh\ncase "$3" in\n  */a) printf '%s\\n' "${root}/clean" "${root}/out" ;;\n  */b) printf '%s\\n' "${root}/out" ;;\n  *) echo "error: path '$3' is not in the Nix store" >&2; echo "(more)" >&2; exit 1 ;;\nesac\n`,
      },
    });
    process.env['PATH'] = `${bin}:${PATH}`;
  });
  afterEach(() => {
    process.env['PATH'] = PATH;
    removeTree(bin);
  });

  test('each store path once, in the order nix-store lists them', async () => {
    expect(await closureOf([`${root}/a`, `${root}/b`])).toEqual([`${root}/clean`, `${root}/out`]);
  });

  test('lintPaths lints the closure and resolves against it', async () => {
    const report = await lintPaths({ paths: [], closureOf: [`${root}/a`], storeDir: '/nix/store' });
    expect(report.findings.map((f) => `${path.relative(root, f.path)} ${f.ruleId}`)).toEqual(['clean/etc/systemd/system/d.service unit-location', 'out/lib/systemd/system/foo.service unit-command-fhs', 'out/lib/systemd/system/foo.service protect-system']);
  });

  test('a root nix-store refuses is a UsageError naming it, with the first line nix-store said', async () => {
    const error = await lintPaths({ paths: [], closureOf: ['/nowhere'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("--closure /nowhere: nix-store --query --requisites failed: error: path '/nowhere' is not in the Nix store");
  });
});
