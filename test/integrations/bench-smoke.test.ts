import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';

/** `npm run bench -- --quick` in CI: the harness must keep working. No timing is asserted. */
test('the benchmark harness runs end to end and records every figure with its baseline', () => {
  execFileSync(process.execPath, [path.join(REPO, 'bench/run.js'), '--quick'], { cwd: REPO, stdio: 'ignore' });
  const report = JSON.parse(fs.readFileSync(path.join(REPO, 'bench/out/results-quick.json'), 'utf8'));
  expect(report.results.map((r: { name: string }) => r.name)).toEqual([
    'hook, output without units (2,000 files)',
    'hook, output with a few units',
    'unitfix fix --fsync, quick units',
    'unitfix fix, quick units',
    expect.stringMatching(/^unitfix lint, closure of \d+ store paths$/),
    'unitfix lint --jobs 0 (one thread), same closure',
    'unitfix lint --deep, same closure',
    'unitfix lint --deep --jobs 0 (one thread), same closure',
    'unitfix --version',
  ]);
  expect(report.results[3].floorMs).toBeGreaterThan(0);
  for (const r of report.results) {
    expect(r.oursMs).toBeGreaterThan(0);
    expect(r.baselineMs).toBeGreaterThan(0);
    expect(Math.abs(r.ratio - r.oursMs / r.baselineMs)).toBeLessThan(0.05 * r.ratio + 0.01);
  }
});
