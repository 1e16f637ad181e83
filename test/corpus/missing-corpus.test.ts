import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';

/**
 * A machine without the corpus (NixOS, macOS, a Debian box that never ran
 * apt-get update): jest itself, run on a corpus suite, skips it with one line
 * naming what is missing and how to get it, and exits 0; with CI set the same
 * run fails. pkgconfig-shadow's corpus suite is the one that crashed when its
 * body ran under describe.skip.
 */
const SUITE = 'test/shadow/pkgconfig-shadow.test.ts';
const SUITE_NAME = 'pkgconfig-shadow over Debian .pc files, read by the real pkgconf';

function jest(env: Record<string, string | undefined>): { status: number; output: string } {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['CI', 'JEST_WORKER_ID', 'UNITFIX_CORPUS', 'UNITFIX_CORPUS_MISSING'].includes(key)) clean[key] = value;
  }
  for (const [key, value] of Object.entries(env)) if (value !== undefined) clean[key] = value;
  // Only the corpus suite's tests: the file's other suites would spend seconds on the CLI.
  const run = spawnSync(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--ci=false', SUITE, '-t', SUITE_NAME], {
    cwd: REPO,
    env: clean,
    encoding: 'utf8',
  });
  return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

const skipLines = (output: string) => output.split('\n').filter((line) => line.startsWith('skipped: '));

describe('corpus suites on a machine without the corpus', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-no-corpus-'));
  const empty = path.join(scratch, 'empty');
  fs.mkdirSync(empty);
  // apt reading lists from an empty folder, as before the first apt-get update; no
  // package cache, so apt never writes one built from the empty lists.
  const aptConfig = path.join(scratch, 'apt.conf');
  fs.writeFileSync(aptConfig, `Dir::State::Lists "${empty}";\nDir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n`);
  const noLists = { APT_CONFIG: aptConfig, XDG_CACHE_HOME: path.join(scratch, 'cache') };
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('UNITFIX_CORPUS at an empty folder: one line says so and how to fetch it, and jest passes', () => {
    const run = jest({ UNITFIX_CORPUS: empty });
    expect(run.output).not.toContain('Test suite failed to run');
    expect(skipLines(run.output)).toEqual([
      `skipped: ${SUITE_NAME}: no Debian corpus in UNITFIX_CORPUS=${empty} (no MANIFEST.tsv): run node scripts/corpus/fetch-debian-corpus.js --out ${empty}, or unset UNITFIX_CORPUS for npm test to fetch it`,
    ]);
    expect(run.status).toBe(0);
  });

  test('the same with CI set fails the run', () => {
    const run = jest({ UNITFIX_CORPUS: empty, CI: 'true' });
    expect(run.output).toContain(`no Debian corpus in UNITFIX_CORPUS=${empty}`);
    expect(skipLines(run.output)).toEqual([]);
    expect(run.status).toBe(1);
  });

  test('apt without package lists: the fetch in global setup gives up and the suite says to run apt-get update', () => {
    const run = jest(noLists);
    const lines = skipLines(run.output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^skipped: ${SUITE_NAME}: no Debian corpus: (apt has no package lists: run apt-get update|apt-get is not installed)`));
    expect(run.status).toBe(0);
  });

  test('the same with CI set fails in global setup', () => {
    const run = jest({ ...noLists, CI: 'true' });
    expect(run.output).toMatch(/no Debian corpus: (apt has no package lists|apt-get is not installed)/);
    expect(run.status).toBe(1);
  });
});
