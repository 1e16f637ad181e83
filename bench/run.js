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

/** Runs `prepare` (untimed) then `measure` `n` times, after one untimed run to warm the caches (`warm`); the median. */
function measure(n, measureOnce, prepare = () => {}, warm = true) {
  const times = [];
  if (warm && !quick) {
    prepare();
    measureOnce();
  }
  for (let i = 0; i < n; i++) {
    prepare();
    times.push(measureOnce());
  }
  return median(times);
}

/**
 * Two commands timed turn about, `n` times each after a warm-up of each: both
 * see the same moments of a machine whose speed drifts. Their medians.
 */
function measurePair(n, ours, baseline, prepare = () => {}) {
  if (!quick) {
    prepare();
    ours();
    prepare();
    baseline();
  }
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) {
    prepare();
    a.push(ours());
    prepare();
    b.push(baseline());
  }
  return [median(a), median(b)];
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
// The generator just wrote 100,000 files: let the disk take them before anything is timed.
spawnSync('sync');
const hostBin = path.join(work, 'host/bin');
fs.mkdirSync(hostBin, { recursive: true });
fs.writeFileSync(path.join(hostBin, 'kill'), '#!/bin/sh\n', { mode: 0o755 });
// As inside a Nix build (NIX_BUILD_TOP set): writes are atomic, not synced (see docs/reliability.md).
const env = { ...process.env, HOST_PATH: hostBin, NO_COLOR: '1', NIX_BUILD_TOP: work };
delete env.IN_NIX_SHELL;

// 1. The hook on an output with nothing to do, against patchShebangs' walk.
const hook = path.join(work, 'unitfix-hook.sh');
fs.writeFileSync(hook, fs.readFileSync(path.join(repo, 'nix-hooks/unitfix-hook.sh'), 'utf8').replaceAll('@unitfix@', `${process.execPath} ${bin}`));
const hookCall = `fixupOutputHooks=(); preConfigureHooks=(); source "$1"; prefix="$2"; out="$2"; output=out; outputs=out; _unitfixFixupOutput`;
record(
  'hook, output without units (2,000 files)',
  ...measurePair(
    runs * 4,
    () => run('bash', ['-c', hookCall, 'bash', hook, trees.empty]),
    () => run('bash', ['-c', 'find "$1" -type f -perm -0100 >/dev/null', 'bash', trees.empty]),
  ),
  'no slower (≤ 1.0×) than find -type f -perm -0100',
);

// 1b. The hook on a typical package: 200 units, .pc, tmpfiles.d, sysusers.d, other files.
const unitsCopy = path.join(work, 'units-copy');
record(
  `hook, output with ${quick ? 'a few' : '200'} units`,
  measure(runs, () => run('bash', ['-c', hookCall, 'bash', hook, unitsCopy], { env }), () => copy(trees.units, unitsCopy)),
  measure(quick ? 1 : 3, () => run('bash', [path.join(repo, 'bench/baseline/bocaditos-like.sh'), unitsCopy]), () => copy(trees.units, unitsCopy), false),
  'the cost per build of a package with units, against the grep/sed hook',
);

// 2. unitfix fix over 2,000 units, Node start included, against a grep/sed-per-key bash hook: on the
// default temporary folder (a disk here), and on tmpfs, where creating a file costs no disk work.
// Each with the floor: Node writing the same 2,000 files atomically (temporary file, rename), nothing else.
const bashRuns = quick ? 1 : 3;
const places = [{ label: '', dir: work }];
if (!quick && fs.existsSync('/dev/shm') && spawnSync('stat', ['-f', '-c', '%T', '/dev/shm'], { encoding: 'utf8' }).stdout.trim() === 'tmpfs') {
  places.push({ label: ', on tmpfs', dir: fs.mkdtempSync('/dev/shm/unitfix-bench-') });
}
for (const place of places) {
  const fixCopy = path.join(place.dir, 'fix-copy');
  // unitfix and the floor turn about: creating files costs what the disk says at the moment.
  const [fixOurs, floor] = measurePair(
    runs,
    () => run(process.execPath, [bin, 'fix', '--host', fixCopy], { env }),
    () => run(process.execPath, [path.join(repo, 'bench/atomic-writes.js'), fixCopy]),
    () => copy(trees.fix, fixCopy),
  );
  // What the durable writes cost (fsync of each file and folder, the default outside a Nix build).
  const [durable, notDurable] = measurePair(
    runs,
    () => run(process.execPath, [bin, 'fix', '--host', '--fsync', fixCopy], { env }),
    () => run(process.execPath, [bin, 'fix', '--host', '--no-fsync', fixCopy], { env }),
    () => copy(trees.fix, fixCopy),
  );
  record(`unitfix fix --fsync, ${quick ? 'quick' : '2,000'} units${place.label}`, durable, notDurable, 'the cost of durable writes, against --no-fsync (what a Nix build does)');
  const fixBaseline = measure(bashRuns, () => run('bash', [path.join(repo, 'bench/baseline/bocaditos-like.sh'), fixCopy]), () => copy(trees.fix, fixCopy), false);
  record(`unitfix fix, ${quick ? 'quick' : '2,000'} units${place.label}`, fixOurs, fixBaseline, 'at least 100× faster (≤ 0.01×) than grep/sed per key per file', {
    floorMs: Math.round(floor * 10) / 10,
  });
  if (place.dir !== work) fs.rmSync(place.dir, { recursive: true, force: true });
}

// 3. lint over the closure, against grep -rl /usr over the same files; peak memory. By default a
// reader thread walks and reads while the main thread lints; --jobs 0 is the same on one thread.
const rssFile = path.join(work, 'rss');
let peakKB = 0;
const lint = (flags) => () => {
  const ms = run(process.execPath, ['--import', path.join(repo, 'bench/rss.js'), bin, 'lint', ...flags, '--format', 'json', '--output-file', '/dev/null', ...trees.closurePaths], {
    env: { ...env, UNITFIX_BENCH_RSS: rssFile },
    allowFailure: true,
  });
  peakKB = Math.max(peakKB, Number(fs.readFileSync(rssFile, 'utf8')));
  return ms;
};
/** The highest peak of the runs since the last call. */
const peakMB = () => {
  const mb = Math.round(peakKB / 1024);
  peakKB = 0;
  return mb;
};
const grep = () => run('grep', ['-rl', '/usr', trees.closure], { allowFailure: true });
const lintRuns = [
  [`unitfix lint, closure of ${trees.closurePaths.length} store paths`, [], '≤ 1.0× grep -rl /usr; peak memory ≤ 150 MB'],
  ['unitfix lint --jobs 0 (one thread), same closure', ['--jobs', '0'], 'what the reader thread saves'],
  ['unitfix lint --deep, same closure', ['--deep'], '≤ 1.5× grep -rl /usr; peak memory ≤ 150 MB'],
  ['unitfix lint --deep --jobs 0 (one thread), same closure', ['--deep', '--jobs', '0'], 'what the reader thread saves'],
];
for (const [name, flags, goal] of lintRuns) {
  const [ms, grepMs] = measurePair(runs, lint(flags), grep);
  record(name, ms, grepMs, goal, { peakMB: peakMB() });
}

// 3b. image-check on the same closure, split by step, beside lint of the same tree. It builds an
// image and runs systemd's tools: full runs only (or --quick --image-check), once.
const imageTools = ['systemd-sysusers', 'systemd-tmpfiles', 'systemctl'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (quick && !process.argv.includes('--image-check')) {
  // not in the quick harness check
} else if (imageTools.length > 0) {
  console.error(`skipped: image-check: ${imageTools.join(', ')} not installed (apt-get install systemd)`);
} else {
  const json = path.join(work, 'image-check.json');
  const lintMs = measure(1, lint([]), () => {}, false);
  const ms = run(process.execPath, [bin, 'image-check', '--format', 'json', '--output-file', json, ...trees.closurePaths], { env, allowFailure: true });
  const checked = JSON.parse(fs.readFileSync(json, 'utf8'));
  const steps = checked.steps.map((s) => ({ step: s.step, ms: Math.round(s.milliseconds) }));
  record(`unitfix image-check, closure of ${trees.closurePaths.length} store paths`, ms, lintMs, 'beside unitfix lint of the same closure (the baseline); no goal', { steps, findings: checked.findings.length, systemd: checked.systemd });
}

// 4. CLI start.
record(
  'unitfix --version',
  ...measurePair(
    runs * 4,
    () => run(process.execPath, [bin, '--version']),
    () => run(process.execPath, ['-e', '0']),
  ),
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

// --out DIR: where the results go (the CI smoke run writes outside the repository).
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : path.join(repo, 'bench/out');
fs.mkdirSync(out, { recursive: true });
const report = { date: new Date().toISOString(), quick, runs, node: process.version, cpus: os.cpus().length, results, scaling };
fs.writeFileSync(path.join(out, quick ? 'results-quick.json' : 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`${'benchmark'.padEnd(56)} ${'unitfix'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(8)}  goal`);
for (const r of results) {
  console.log(`${r.name.padEnd(56)} ${`${r.oursMs} ms`.padStart(10)} ${`${r.baselineMs} ms`.padStart(10)} ${`${r.ratio}×`.padStart(8)}  ${r.goal}${r.peakMB ? ` (peak ${r.peakMB} MB)` : ''}${r.floorMs ? ` (the same atomic writes alone, Node start included: ${r.floorMs} ms)` : ''}`);
}
for (const r of results.filter((x) => x.steps)) console.log(`  ${r.name}, by step: ${r.steps.map((s) => `${s.step} ${s.ms} ms`).join(', ')}`);
for (const s of scaling) console.log(`scaling: ${s.what} ${s.units ?? s.storePaths} ${s.units ? 'units' : 'store paths'}: ${s.ms} ms`);
fs.rmSync(work, { recursive: true, force: true });
