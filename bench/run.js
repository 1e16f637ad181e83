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
import { SHAPES, census, makeDebianShape, makeShape } from './shapes.js';
import { defaultCorpusDir } from '../scripts/corpus/corpus-location.js';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quick = process.argv.includes('--quick');
const runs = quick ? 1 : 5;
const bin = path.join(repo, 'bin/unitfix.js');
const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-bench-'));
const results = [];
const argValues = (flag) => process.argv.flatMap((a, i) => (a === flag && process.argv[i + 1] ? [process.argv[i + 1]] : []));
const argValue = (flag) => argValues(flag)[0];
// --shape NAME (repeatable): only the lint figures of those shapes, for profiling one.
const lintOnly = argValues('--shape').length > 0;

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
 * Commands timed turn about, `n` times each after a warm-up of each: all see
 * the same moments of a machine whose speed drifts. Their medians.
 */
function measureTurns(n, commands) {
  if (!quick) for (const c of commands) c();
  const times = commands.map(() => []);
  for (let i = 0; i < n; i++) commands.forEach((c, k) => times[k].push(c()));
  return times.map(median);
}

/**
 * The Debian corpus, as test/global-setup.js finds it: UNITFIX_CORPUS, or
 * fetched (or reused) by scripts/corpus/fetch-debian-corpus.js in the cache.
 */
function debianCorpus() {
  if (process.env.UNITFIX_CORPUS) return { dir: process.env.UNITFIX_CORPUS };
  const dir = defaultCorpusDir();
  const fetch = spawnSync(process.execPath, [path.join(repo, 'scripts/corpus/fetch-debian-corpus.js'), '--out', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (fetch.status === 0) return { dir };
  return { reason: fetch.stdout.trim().split('\n').at(-1) || `fetch-debian-corpus.js exited ${fetch.status}` };
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

if (!lintOnly) {
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

  // 1c. The hook on a package of 4 outputs with units in each: fixupPhase runs it once per output, so
  // Node starts 4 times; against one \`unitfix fix\` given all 4 (what one start per build would cost).
  const outputNames = ['out', 'lib', 'bin', 'doc'];
  const outputsCopy = path.join(work, 'outputs-copy');
  const copyOutputs = () => {
    fs.rmSync(outputsCopy, { recursive: true, force: true });
    fs.mkdirSync(outputsCopy);
    for (const name of outputNames) copy(trees.outputs, path.join(outputsCopy, name));
  };
  const outputVars = outputNames.map((name) => `${name}=${outputsCopy}/${name}`).join('; ');
  const perOutput = `fixupOutputHooks=(); preConfigureHooks=(); source "$1"; ${outputVars}; outputs="${outputNames.join(' ')}"; for output in $outputs; do prefix="\${!output}"; _unitfixFixupOutput >/dev/null; done`;
  const oneStart = [bin, 'fix', '--host', '--search-path', hostBin, ...outputNames.flatMap((name) => ['--output', path.join(outputsCopy, name)]), ...outputNames.map((name) => path.join(outputsCopy, name))];
  record(
    `hook, 4 outputs with ${quick ? 'a few' : '50'} units each: one Node start per output`,
    ...measurePair(
      runs,
      () => run('bash', ['-c', perOutput, 'bash', hook], { env }),
      () => run(process.execPath, oneStart, { env }),
      copyOutputs,
    ),
    'against one unitfix fix for the 4 outputs (one Node start per build)',
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
    record(`unitfix fix against its atomic writes alone, ${quick ? 'quick' : '2,000'} units${place.label}`, fixOurs, floor, '≤ 1.3× bench/atomic-writes.js (Node start included in both)');
    record(`unitfix fix, ${quick ? 'quick' : '2,000'} units${place.label}`, fixOurs, fixBaseline, 'at least 100× faster (≤ 0.01×) than grep/sed per key per file', {
      floorMs: Math.round(floor * 10) / 10,
    });
    if (place.dir !== work) fs.rmSync(place.dir, { recursive: true, force: true });
  }
}

// 3. lint over closures of several shapes (bench/shapes.js), each against grep -rl /usr over the same
// files and beside its floor (bench/lint-walk.js: the same walk and reads, nothing else). All five
// commands of a shape are timed turn about; each shape is made, measured and removed in turn.
const rssFile = path.join(work, 'rss');
let peakKB = 0;
const lintArgs = (flags, roots) => ['--import', path.join(repo, 'bench/rss.js'), bin, 'lint', ...flags, '--format', 'json', '--output-file', '/dev/null', ...roots];
const lint = (flags, roots, peak) => () => {
  const ms = run(process.execPath, lintArgs(flags, roots), { env: { ...env, UNITFIX_BENCH_RSS: rssFile }, allowFailure: true });
  peak.kb = Math.max(peak.kb, Number(fs.readFileSync(rssFile, 'utf8')));
  return ms;
};
const floorRun = (flags, roots) => () => run(process.execPath, [path.join(repo, 'bench/lint-walk.js'), ...flags, ...roots]);
const grepRun = (dir) => () => run('grep', ['-rl', '/usr', dir], { allowFailure: true });
/** How many findings lint reports on `roots`. */
const findingsOf = (flags, roots) => {
  const report = path.join(work, 'findings.json');
  run(process.execPath, [bin, 'lint', ...flags, '--format', 'json', '--output-file', report, ...roots], { env, allowFailure: true });
  return JSON.parse(fs.readFileSync(report, 'utf8')).findings.length;
};
const closurePaths = quick ? 20 : Number(argValue('--paths') ?? 1000);
const shapeRuns = quick ? 1 : Number(argValue('--runs') ?? 9);
const onlyShapes = argValues('--shape');
const shapes = [...SHAPES.map((shape) => ({ name: shape.name, what: shape.what, make: (dir) => ({ roots: makeShape(dir, shape, closurePaths) }) }))];
shapes.push({
  name: 'debian-mix',
  what: 'the Debian corpus: each package one store path, dealt round to fill the closure',
  make: (dir) => {
    const corpus = debianCorpus();
    if (!corpus.dir) return { skipped: corpus.reason };
    const made = makeDebianShape(dir, corpus.dir, closurePaths);
    return made ? { roots: made.roots, note: `${made.packages} packages` } : { skipped: `no MANIFEST.tsv in ${corpus.dir}` };
  },
});
const shapeResults = [];
const scaling = [];
const imageTools = ['systemd-sysusers', 'systemd-tmpfiles', 'systemctl'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
function imageCheck(roots, lintMs) {
  if (quick && !process.argv.includes('--image-check')) return;
  if (imageTools.length > 0) {
    console.error(`skipped: image-check: ${imageTools.join(', ')} not installed (apt-get install systemd)`);
    return;
  }
  const json = path.join(work, 'image-check.json');
  const ms = run(process.execPath, [bin, 'image-check', '--format', 'json', '--output-file', json, ...roots], { env, allowFailure: true });
  const checked = JSON.parse(fs.readFileSync(json, 'utf8'));
  const steps = checked.steps.map((s) => ({ step: s.step, ms: Math.round(s.milliseconds) }));
  record(`unitfix image-check, closure of ${roots.length} store paths`, ms, lintMs, 'beside unitfix lint of the same closure (the baseline); no goal', { steps, findings: checked.findings.length, systemd: checked.systemd });
}
for (const shape of shapes.filter((s) => onlyShapes.length === 0 || onlyShapes.includes(s.name))) {
  const dir = path.join(work, 'closure', shape.name);
  const made = shape.make(dir);
  if (made.skipped) {
    console.log(`shape ${shape.name} skipped: ${made.skipped}`);
    continue;
  }
  const { roots } = made;
  spawnSync('sync');
  const size = census(roots);
  const peak = { kb: 0 };
  const deepPeak = { kb: 0 };
  const [lintMs, floorMs, deepMs, deepFloorMs, grepMs] = measureTurns(shapeRuns, [
    lint([], roots, peak),
    floorRun([], roots),
    lint(['--deep'], roots, deepPeak),
    floorRun(['--deep'], roots),
    grepRun(dir),
  ]);
  const round = (x) => Math.round(x * 10) / 10;
  const entry = {
    shape: shape.name,
    what: shape.what,
    storePaths: roots.length,
    ...size,
    // Counted in full runs only: two more lints a shape.
    findings: quick ? undefined : findingsOf([], roots),
    deepFindings: quick ? undefined : findingsOf(['--deep'], roots),
    grepMs: round(grepMs),
    lintMs: round(lintMs),
    lintFloorMs: round(floorMs),
    lintRatio: Math.round((100 * lintMs) / grepMs) / 100,
    lintPeakMB: Math.round(peak.kb / 1024),
    deepMs: round(deepMs),
    deepFloorMs: round(deepFloorMs),
    deepRatio: Math.round((100 * deepMs) / grepMs) / 100,
    deepPeakMB: Math.round(deepPeak.kb / 1024),
  };
  shapeResults.push(entry);
  record(`unitfix lint, ${shape.name}`, lintMs, grepMs, '≤ 1.0× grep -rl /usr; peak memory ≤ 150 MB', { floorMs: round(floorMs), peakMB: entry.lintPeakMB });
  record(`unitfix lint --deep, ${shape.name}`, deepMs, grepMs, '≤ 1.5× grep -rl /usr; peak memory ≤ 150 MB', { floorMs: round(deepFloorMs), peakMB: entry.deepPeakMB });
  // image-check on the generator's closure, split by step, beside lint of the same closure. It builds an image
  // and runs systemd's tools: full runs only (or --quick --image-check), once.
  if (shape.name === 'generator') imageCheck(roots, lintMs);
  // How the cost grows (full runs only): with files (10, 100, 1,000 store paths of the issue's shape),
  // with bytes (--deep on the large files), with findings (the units' shape before and after `unitfix fix`).
  if (!quick && roots.length >= 1000) {
    if (shape.name === 'deep-share' || shape.name === 'large-files') {
      for (const count of [10, 100, 1000]) {
        const some = roots.slice(0, count);
        const flags = shape.name === 'large-files' ? ['--deep'] : [];
        const [ms, floor] = measureTurns(5, [lint(flags, some, { kb: 0 }), floorRun(flags, some)]);
        scaling.push({ shape: shape.name, flags: flags.join(' '), storePaths: count, files: census(some).files, bytes: census(some).bytes, ms: Math.round(ms), floorMs: Math.round(floor) });
      }
    }
    if (shape.name === 'many-units') {
      const before = findingsOf([], roots);
      const [withFindings] = measureTurns(5, [lint([], roots, { kb: 0 })]);
      run(process.execPath, [bin, 'fix', '--host', '--store-dir', dir, ...roots], { env, allowFailure: true });
      const after = findingsOf([], roots);
      const [withFewer] = measureTurns(5, [lint([], roots, { kb: 0 })]);
      scaling.push({ shape: shape.name, findings: before, ms: Math.round(withFindings) }, { shape: `${shape.name}, after unitfix fix`, findings: after, ms: Math.round(withFewer) });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (!lintOnly) {
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
}

// --out DIR: where the results go (the CI smoke run writes outside the repository).
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : path.join(repo, 'bench/out');
fs.mkdirSync(out, { recursive: true });
const load = [loadBefore, os.loadavg().map((x) => Math.round(x * 100) / 100)];
const report = { date: new Date().toISOString(), quick, runs, shapeRuns, node: process.version, cpus: os.cpus().length, loadAverage: { before: load[0], after: load[1] }, results, shapes: shapeResults, scaling };
fs.writeFileSync(path.join(out, quick ? 'results-quick.json' : 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`${'benchmark'.padEnd(64)} ${'unitfix'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(8)}  goal`);
for (const r of results) {
  const floor = r.floorMs ? (r.name.startsWith('unitfix lint') ? ` (its walk and reads alone: ${r.floorMs} ms)` : ` (the same atomic writes alone, Node start included: ${r.floorMs} ms)`) : '';
  console.log(`${r.name.padEnd(64)} ${`${r.oursMs} ms`.padStart(10)} ${`${r.baselineMs} ms`.padStart(10)} ${`${r.ratio}×`.padStart(8)}  ${r.goal}${r.peakMB ? ` (peak ${r.peakMB} MB)` : ''}${floor}`);
}
if (shapeResults.length > 0) {
  console.log(`\n${'shape'.padEnd(14)} ${'paths'.padStart(6)} ${'files'.padStart(7)} ${'MB'.padStart(5)} ${'units'.padStart(6)} ${'.pc'.padStart(5)} ${'grep'.padStart(7)} ${'lint'.padStart(7)} ${'floor'.padStart(7)} ${'ratio'.padStart(6)} ${'--deep'.padStart(7)} ${'floor'.padStart(7)} ${'ratio'.padStart(6)} ${'peak MB'.padStart(8)}`);
  for (const r of shapeResults) {
    console.log(`${r.shape.padEnd(14)} ${String(r.storePaths).padStart(6)} ${String(r.files).padStart(7)} ${String(Math.round(r.bytes / 1e6)).padStart(5)} ${String(r.units).padStart(6)} ${String(r.pc).padStart(5)} ${String(Math.round(r.grepMs)).padStart(7)} ${String(Math.round(r.lintMs)).padStart(7)} ${String(Math.round(r.lintFloorMs)).padStart(7)} ${`${r.lintRatio}×`.padStart(6)} ${String(Math.round(r.deepMs)).padStart(7)} ${String(Math.round(r.deepFloorMs)).padStart(7)} ${`${r.deepRatio}×`.padStart(6)} ${`${r.lintPeakMB}/${r.deepPeakMB}`.padStart(8)}`);
  }
  const worst = (key) => shapeResults.reduce((a, b) => (b[key] > a[key] ? b : a));
  console.log(`worst: lint ${worst('lintRatio').lintRatio}× (${worst('lintRatio').shape}), --deep ${worst('deepRatio').deepRatio}× (${worst('deepRatio').shape})`);
}
for (const r of results.filter((x) => x.steps)) console.log(`  ${r.name}, by step: ${r.steps.map((s) => `${s.step} ${s.ms} ms`).join(', ')}`);
for (const s of scaling) console.log(`scaling: ${JSON.stringify(s)}`);
console.log(`load average (1, 5, 15 min): ${load[0].join(', ')} before, ${load[1].join(', ')} after, on ${os.cpus().length} cores`);
fs.rmSync(work, { recursive: true, force: true });
