import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';

/** `npm run bench -- --quick` in CI: the harness must keep working. No timing is asserted. */
test('the benchmark harness runs end to end and records every figure with its baseline', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-bench-out-'));
  execFileSync(process.execPath, [path.join(REPO, 'bench/run.js'), '--quick', '--out', out], { cwd: REPO, stdio: 'ignore' });
  const report = JSON.parse(fs.readFileSync(path.join(out, 'results-quick.json'), 'utf8'));
  fs.rmSync(out, { recursive: true, force: true });
  const shapes = ['generator', 'deep-share', 'large-files', 'many-units', 'pc-tmpfiles', 'dropin-chains', 'debian-mix'];
  expect(report.results.map((r: { name: string }) => r.name)).toEqual([
    'hook, output without units (2,000 files)',
    'hook, output with a few units',
    'hook, 4 outputs with a few units each: one Node start per output',
    'unitfix fix --fsync, quick units',
    'unitfix fix against its atomic writes alone, quick units',
    'unitfix fix, quick units',
    ...shapes.flatMap((shape) => [`unitfix lint, ${shape}`, `unitfix lint --deep, ${shape}`]),
    'unitfix --version',
  ]);
  // Every shape in the table, each lint beside the floor of its walk and reads, with its peak memory.
  expect(report.shapes.map((s: { shape: string }) => s.shape)).toEqual(shapes);
  for (const s of report.shapes) {
    expect(s.files).toBeGreaterThan(0);
    for (const key of ['grepMs', 'lintMs', 'lintFloorMs', 'deepMs', 'deepFloorMs', 'lintPeakMB', 'deepPeakMB']) expect(s[key]).toBeGreaterThan(0);
  }
  expect(report.results.find((r: { name: string }) => r.name === 'unitfix fix, quick units').floorMs).toBeGreaterThan(0);
  expect(report.loadAverage.before).toHaveLength(3);
  for (const r of report.results) {
    expect(r.oursMs).toBeGreaterThan(0);
    expect(r.baselineMs).toBeGreaterThan(0);
    expect(Math.abs(r.ratio - r.oursMs / r.baselineMs)).toBeLessThan(0.05 * r.ratio + 0.01);
  }
});
