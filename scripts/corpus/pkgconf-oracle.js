// Records what the installed pkgconf answers for each corpus .pc file, so the
// tests can hold our evaluator to it without running pkgconf per assertion.
//
// Each record (one JSON object per line of pkgconf-oracle.jsonl):
//   file, name, dir, link_target (null unless a symlink), pkgconf_version,
//   search_path, exit: {print_variables, modversion, cflags, libs, validate},
//   variables: {name: value}, variable_exit: {name: status, non-zero only},
//   modversion, cflags, libs, missing_deps: [names],
//   with_stub_deps: null, or the same answers (search_path to variable_exit
//   and modversion, cflags, libs) asked again with stub .pc files for
//   missing_deps at the end of the search path, shown there as "<stubs>".
// Values are pkgconf's stdout without trailing newlines; stderr is dropped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const STUBS_SHOWN_AS = '<stubs>';
const MAX_STUB_ROUNDS = 5;
// "Package 'X', required by 'Y', not found"; Y is virtual:world when the queried file itself fails to load.
const NOT_FOUND = /^Package '([^']*)', required by '([^']*)', not found$/gm;

/** pkgconf run in `cwd` with nothing from the environment but PATH, so the host's .pc files stay out. */
function pkgconf(cwd, searchPath, args) {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', PKG_CONFIG_LIBDIR: searchPath };
  const result = spawnSync('pkgconf', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout.replace(/\n+$/, ''), stderr: result.stderr };
}

function answers(cwd, searchPath, name) {
  const ask = (...args) => pkgconf(cwd, searchPath, [...args, '--', name]);
  const listed = ask('--print-variables');
  const variables = {};
  const variableExit = {};
  if (listed.status === 0) {
    for (const variable of listed.stdout.split('\n').filter(Boolean)) {
      const value = ask(`--variable=${variable}`);
      variables[variable] = value.stdout;
      if (value.status !== 0) variableExit[variable] = value.status;
    }
  }
  const modversion = ask('--modversion');
  const cflags = ask('--cflags');
  const libs = ask('--libs');
  const validate = ask('--validate');
  return {
    search_path: searchPath,
    exit: { print_variables: listed.status, modversion: modversion.status, cflags: cflags.status, libs: libs.status, validate: validate.status },
    variables,
    variable_exit: variableExit,
    modversion: modversion.stdout,
    cflags: cflags.stdout,
    libs: libs.stdout,
  };
}

const failed = (a) => Object.values(a.exit).some((status) => status !== 0);

/** Names some Requires asks for that the search path lacks. */
function unresolved(cwd, searchPath, name) {
  const { stderr } = pkgconf(cwd, searchPath, ['--print-errors', '--cflags', '--libs', '--', name]);
  const names = new Set();
  for (const [, wanted, by] of stderr.matchAll(NOT_FOUND)) if (by !== 'virtual:world' && wanted !== name) names.add(wanted);
  return names;
}

/**
 * One record per .pc path (relative to `base`, which pkgconf runs in so paths
 * and ${pcfiledir} stay relative). Each file's own folder is searched first,
 * then the folders of all the others.
 */
export function pkgconfOracle(base, pcPaths) {
  const version = pkgconf(base, '', ['--version']).stdout;
  const allDirs = [...new Set(pcPaths.map((p) => path.posix.dirname(p)))].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-pkgconf-oracle-'));
  try {
    return pcPaths.map((file) => {
      const dir = path.posix.dirname(file);
      const name = path.posix.basename(file, '.pc');
      const searchPath = [dir, ...allDirs.filter((d) => d !== dir)].join(':');
      const full = path.join(base, file);
      const linkTarget = fs.lstatSync(full).isSymbolicLink() ? fs.readlinkSync(full) : null;
      const direct = answers(base, searchPath, name);

      // pkgconf refuses every query while a required package is missing: stub the
      // missing ones (stubs require nothing, but packages found later may) and ask again.
      const stubs = path.join(scratch, name);
      fs.rmSync(stubs, { recursive: true, force: true });
      fs.mkdirSync(stubs);
      const stubbed = [];
      if (failed(direct)) {
        for (let round = 0; round < MAX_STUB_ROUNDS; round++) {
          const fresh = [...unresolved(base, `${searchPath}:${stubs}`, name)].filter((n) => !stubbed.includes(n));
          if (fresh.length === 0) break;
          for (const missing of fresh) {
            fs.writeFileSync(path.join(stubs, `${missing}.pc`), `Name: ${missing}\nDescription: stub for the pkgconf oracle\nVersion: 999999\n`);
            stubbed.push(missing);
          }
        }
      }
      let withStubs = null;
      if (stubbed.length > 0) {
        withStubs = answers(base, `${searchPath}:${stubs}`, name);
        withStubs.search_path = `${searchPath}:${STUBS_SHOWN_AS}`;
      }
      return { file, name, dir, link_target: linkTarget, pkgconf_version: version, ...direct, missing_deps: stubbed.sort(), with_stub_deps: withStubs };
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
