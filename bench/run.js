// `npm run bench [-- --quick]`: unitfix against its baselines, measured in the
// same run on the same trees. Prints a table and writes bench/out/results.json
// with each figure's median and its ratio to the baseline. No figure here is
// asserted by the tests; `--quick` (CI) only keeps the harness from rotting.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTrees } from './generate.js';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quick = process.argv.includes('--quick');
const runs = quick ? 1 : 5;
const bin = path.join(repo, 'bin/unitfix.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-bench-'));
const results = [];

function run(cmd, args, options = {}) {
  const start = process.hrtime.bigint();
  const child = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && !options.allowFailure) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')}… exited ${child.status}: ${child.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `prepare` (untimed) then `measure` `n` times; the median. */
function measure(n, measureOnce, prepare = () => {}) {
  const times = [];
  for (let i = 0; i < n; i++) {
    prepare();
    times.push(measureOnce());
  }
  return median(times);
}

function record(name, ours, baseline, goal, extra = {}) {
  const ratio = ours / baseline;
  results.push({ name, oursMs: Math.round(ours * 10) / 10, baselineMs: Math.round(baseline * 10) / 10, ratio: Math.round(ratio * 1000) / 1000, goal, ...extra });
}

function copy(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  spawnSync('cp', ['-a', from, to]);
}

const trees = makeTrees(path.join(work, 'trees'), quick ? 0.02 : 1);
const hostBin = path.join(work, 'host/bin');
fs.mkdirSync(hostBin, { recursive: true });
fs.writeFileSync(path.join(hostBin, 'kill'), '#!/bin/sh\n', { mode: 0o755 });
const env = { ...process.env, HOST_PATH: hostBin, NO_COLOR: '1' };

// 1. The hook on an output with nothing to do, against patchShebangs' walk.
const hook = path.join(work, 'unitfix-hook.sh');
fs.writeFileSync(hook, fs.readFileSync(path.join(repo, 'nix-hooks/unitfix-hook.sh'), 'utf8').replaceAll('@unitfix@', `${process.execPath} ${bin}`));
const hookCall = `fixupOutputHooks=(); preConfigureHooks=(); source "$1"; prefix="$2"; out="$2"; output=out; outputs=out; _unitfixFixupOutput`;
record(
  'hook, output without units (2,000 files)',
  measure(runs * 4, () => run('bash', ['-c', hookCall, 'bash', hook, trees.empty])),
  measure(runs * 4, () => run('bash', ['-c', 'find "$1" -type f -perm -0100 >/dev/null', 'bash', trees.empty])),
  'no slower (≤ 1.0×) than find -type f -perm -0100',
);

// 1b. The hook on a typical package: 200 units, .pc, tmpfiles.d, sysusers.d, other files.
const unitsCopy = path.join(work, 'units-copy');
record(
  `hook, output with ${quick ? 'a few' : '200'} units`,
  measure(runs, () => run('bash', ['-c', hookCall, 'bash', hook, unitsCopy], { env }), () => copy(trees.units, unitsCopy)),
  measure(quick ? 1 : 3, () => run('bash', [path.join(repo, 'bench/baseline/bocaditos-like.sh'), unitsCopy]), () => copy(trees.units, unitsCopy)),
  'the cost per build of a package with units, against the grep/sed hook',
);

// 2. unitfix fix over 2,000 units, Node start included, against a grep/sed-per-key bash hook.
const fixCopy = path.join(work, 'fix-copy');
const fixOurs = measure(runs, () => run(process.execPath, [bin, 'fix', '--host', fixCopy], { env }), () => copy(trees.fix, fixCopy));
const bashRuns = quick ? 1 : 3;
const fixBaseline = measure(bashRuns, () => run('bash', [path.join(repo, 'bench/baseline/bocaditos-like.sh'), fixCopy]), () => copy(trees.fix, fixCopy));
record(`unitfix fix, ${quick ? 'quick' : '2,000'} units`, fixOurs, fixBaseline, 'at least 100× faster (≤ 0.01×) than grep/sed per key per file');

// 3. lint over the closure, against grep -rl /usr over the same files; peak memory.
const rssFile = path.join(work, 'rss');
const lint = (deep) => () =>
  run(process.execPath, ['--import', path.join(repo, 'bench/rss.js'), bin, 'lint', ...(deep ? ['--deep'] : []), '--format', 'json', '--output-file', '/dev/null', ...trees.closurePaths], {
    env: { ...env, UNITFIX_BENCH_RSS: rssFile },
    allowFailure: true,
  });
const grep = measure(runs, () => run('grep', ['-rl', '/usr', trees.closure], { allowFailure: true }));
const lintMs = measure(runs, lint(false));
const lintRss = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
record(`unitfix lint, closure of ${trees.closurePaths.length} store paths`, lintMs, grep, '≤ 1.0× grep -rl /usr; peak memory ≤ 150 MB', { peakMB: Math.round(lintRss) });
const deepMs = measure(runs, lint(true));
const deepRss = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
record('unitfix lint --deep, same closure', deepMs, grep, '≤ 1.5× grep -rl /usr; peak memory ≤ 150 MB', { peakMB: Math.round(deepRss) });
// The same two with --jobs 2: worker threads, measured rather than assumed.
const lintJobs = (deep) => () =>
  run(process.execPath, ['--import', path.join(repo, 'bench/rss.js'), bin, 'lint', '--jobs', '2', ...(deep ? ['--deep'] : []), '--format', 'json', '--output-file', '/dev/null', ...trees.closurePaths], {
    env: { ...env, UNITFIX_BENCH_RSS: rssFile },
    allowFailure: true,
  });
const jobsMs = measure(runs, lintJobs(false));
record('unitfix lint --jobs 2, same closure', jobsMs, grep, 'worker threads: do they pay off on 2 cores?', { peakMB: Math.round(Number(fs.readFileSync(rssFile, 'utf8')) / 1024) });
const jobsDeepMs = measure(runs, lintJobs(true));
record('unitfix lint --deep --jobs 2, same closure', jobsDeepMs, grep, 'worker threads: do they pay off on 2 cores?', { peakMB: Math.round(Number(fs.readFileSync(rssFile, 'utf8')) / 1024) });

// 4. CLI start.
record(
  'unitfix --version',
  measure(runs * 4, () => run(process.execPath, [bin, '--version'])),
  measure(runs * 4, () => run(process.execPath, ['-e', '0'])),
  '≤ 1.3× node -e 0',
);

// 5. How the cost grows (full runs only): fix and lint at 1×, 10× and 100× the files.
const scaling = [];
if (!quick) {
  const { makeOutput } = await import('./generate.js');
  for (const units of [20, 200, 2000]) {
    const tree = path.join(work, `scale-${units}`);
    makeOutput(tree, { units });
    const copyDir = `${tree}-copy`;
    scaling.push({ what: 'fix', units, ms: Math.round(measure(3, () => run(process.execPath, [bin, 'fix', '--host', copyDir], { env }), () => copy(tree, copyDir))) });
  }
  for (const count of [10, 100, 1000]) {
    const paths = trees.closurePaths.slice(0, count);
    scaling.push({ what: 'lint', storePaths: count, ms: Math.round(measure(3, () => run(process.execPath, [bin, 'lint', '--format', 'json', '--output-file', '/dev/null', ...paths], { env, allowFailure: true }))) });
  }
}

const out = path.join(repo, 'bench/out');
fs.mkdirSync(out, { recursive: true });
const report = { date: new Date().toISOString(), quick, runs, node: process.version, cpus: os.cpus().length, results, scaling };
fs.writeFileSync(path.join(out, quick ? 'results-quick.json' : 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`${'benchmark'.padEnd(48)} ${'unitfix'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(8)}  goal`);
for (const r of results) {
  console.log(`${r.name.padEnd(48)} ${`${r.oursMs} ms`.padStart(10)} ${`${r.baselineMs} ms`.padStart(10)} ${`${r.ratio}×`.padStart(8)}  ${r.goal}${r.peakMB ? ` (peak ${r.peakMB} MB)` : ''}`);
}
for (const s of scaling) console.log(`scaling: ${s.what} ${s.units ?? s.storePaths} ${s.units ? 'units' : 'store paths'}: ${s.ms} ms`);
fs.rmSync(work, { recursive: true, force: true });
