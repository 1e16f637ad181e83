#!/usr/bin/env node
// Builds the test corpus: real files shipped by Debian packages, fetched with
// apt from the archive this machine's apt lists point at.
//
//   node scripts/corpus/fetch-debian-corpus.js [--out DIR] [--debs DIR] [PACKAGE...]
//   node scripts/corpus/fetch-debian-corpus.js --list     the pinned package names
//   node scripts/corpus/fetch-debian-corpus.js --check    can this machine fetch?
//
// PACKAGEs replace the list in debian-packages.txt. DIR defaults to
// $XDG_CACHE_HOME/unitfix/corpus-v2 (~/.cache when unset) and receives:
//   .debs/<package>_<version>_<arch>.deb  the downloads (or in --debs DIR)
//   <package>/<path in the .deb>          the corpus files, symlinks kept
//   MANIFEST.tsv     package, version, path (from DIR), kind, link_target
//   PACKAGES.tsv     package, version, architecture, sha256 of the .deb
//   pkgconf-oracle.jsonl   the installed pkgconf's answers (pkgconf-oracle.js)
//
// A cached .deb is used only while its SHA256 is the one apt's lists give for
// the candidate version; otherwise it is fetched again. A package is extracted
// again only when its .deb or the selection code changed.
//
// The last line on stdout is a summary, or "unavailable: <what is missing and
// how to get it>" with exit status 3 when this machine cannot fetch (no apt,
// no package lists, archive unreachable). Exit status 1: anything else failed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptHasLists, candidates, debFileName, download, sha256Of } from './apt-archive.js';
import { defaultCorpusDir } from './corpus-location.js';
import { kindOf } from './corpus-selection.js';
import { extractCorpusFiles } from './deb-extract.js';
import { pkgconfOracle } from './pkgconf-oracle.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Each tool the fetch needs, with how to get it.
const NEEDED_TOOLS = [
  ['apt-get', "a Debian or Ubuntu machine (or container): the corpus is fetched from Debian's archive with apt"],
  ['apt-cache', "a Debian or Ubuntu machine (or container): the corpus is fetched from Debian's archive with apt"],
  ['dpkg-deb', 'apt-get install dpkg'],
  ['pkgconf', 'apt-get install pkgconf'],
];

class Unavailable extends Error {}
const NO_LISTS = 'apt has no package lists: run apt-get update once (as root)';

const log = (line) => process.stderr.write(`fetch-debian-corpus: ${line}\n`);

function pinnedPackages() {
  return fs
    .readFileSync(path.join(HERE, 'debian-packages.txt'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

function requireTools() {
  for (const [tool, howToGet] of NEEDED_TOOLS) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) throw new Unavailable(`${tool} is not installed: ${howToGet}`);
  }
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
async function inParallel(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function writeAtomically(file, text) {
  fs.writeFileSync(`${file}.new`, text);
  fs.renameSync(`${file}.new`, file);
}

const hashOf = (...parts) => createHash('sha256').update(parts.join('\0')).digest('hex');
const sourceOf = (...names) => names.map((n) => fs.readFileSync(path.join(HERE, n), 'utf8')).join('\0');

/** Makes sure `debs` holds each package's .deb with apt's SHA256, downloading what is missing or corrupt. */
async function ensureDebs(pkgs, debs) {
  const wanted = [];
  for (const pkg of pkgs) {
    const file = path.join(debs, debFileName(pkg));
    for (const other of fs.readdirSync(debs)) {
      if (other.startsWith(`${pkg.name}_`) && other.endsWith('.deb') && other !== debFileName(pkg)) fs.rmSync(path.join(debs, other));
    }
    if (!fs.existsSync(file)) wanted.push(pkg);
    else if ((await sha256Of(file)) !== pkg.sha256) {
      log(`${path.basename(file)} does not have the SHA256 apt lists for it: fetching it again`);
      fs.rmSync(file);
      wanted.push(pkg);
    }
  }
  if (wanted.length === 0) return;
  log(`downloading ${wanted.length} package(s): ${wanted.map((p) => p.name).join(' ')}`);
  const landing = fs.mkdtempSync(path.join(debs, '.download-'));
  try {
    try {
      await download(wanted, landing);
    } catch (error) {
      throw new Unavailable(`the Debian archive could not be reached (${error.message}): check the network and apt's sources, then run again`);
    }
    for (const pkg of wanted) {
      const got = path.join(landing, debFileName(pkg));
      if (!fs.existsSync(got)) throw new Error(`apt-get download left no ${debFileName(pkg)}`);
      const sum = await sha256Of(got);
      if (sum !== pkg.sha256) throw new Error(`${debFileName(pkg)} was downloaded with SHA256 ${sum}, apt lists ${pkg.sha256}`);
      fs.renameSync(got, path.join(debs, debFileName(pkg)));
    }
  } finally {
    fs.rmSync(landing, { recursive: true, force: true });
  }
}

/** The package's corpus files, extracted again only when its .deb or the selection code changed. */
async function corpusFilesOf(pkg, out, debs, selectionStamp) {
  const dest = path.join(out, pkg.name);
  const state = path.join(out, '.state', `${pkg.name}.json`);
  const stamp = hashOf(pkg.sha256, selectionStamp);
  try {
    const saved = JSON.parse(fs.readFileSync(state, 'utf8'));
    if (saved.stamp === stamp && fs.existsSync(dest)) return saved.files;
  } catch {
    // no state yet, or unreadable: extract
  }
  const unique = `${process.pid}-${Date.now()}`;
  const fresh = `${dest}.new-${unique}`;
  const files = await extractCorpusFiles(path.join(debs, debFileName(pkg)), path.join(out, `.work-${pkg.name}-${unique}`), fresh);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(fresh, dest);
  writeAtomically(state, JSON.stringify({ stamp, files }));
  log(`extracted ${pkg.name} ${pkg.version}: ${files.length} files`);
  return files;
}

function parseArguments(argv) {
  const options = { out: defaultCorpusDir(), debs: undefined, names: [], mode: 'fetch' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--list') options.mode = 'list';
    else if (arg === '--check') options.mode = 'check';
    else if (arg === '--out' || arg === '--debs') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a folder`);
      options[arg.slice(2)] = path.resolve(value);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.names.push(arg);
  }
  options.debs ??= path.join(options.out, '.debs');
  return options;
}

async function main(argv) {
  const started = Date.now();
  const options = parseArguments(argv);
  const names = [...new Set(options.names.length > 0 ? options.names : pinnedPackages())];
  if (options.mode === 'list') return names.join('\n');
  requireTools();
  if (options.mode === 'check') {
    if (!aptHasLists()) throw new Unavailable(NO_LISTS);
    return 'ready';
  }

  const { out, debs } = options;
  fs.mkdirSync(debs, { recursive: true });
  fs.mkdirSync(path.join(out, '.state'), { recursive: true });

  const found = await candidates(names);
  if (found.size === 0 && !aptHasLists()) throw new Unavailable(NO_LISTS);
  const pkgs = names.filter((n) => found.has(n)).map((n) => found.get(n));
  const skipped = names.filter((n) => !found.has(n));
  for (const name of skipped) log(`skipped ${name}: apt's lists have no such package (apt-cache policy ${name})`);
  if (pkgs.length === 0) throw new Error('none of the packages is known to apt');

  await ensureDebs(pkgs, debs);
  const selectionStamp = hashOf(sourceOf('corpus-selection.js', 'deb-extract.js'));
  const jobs = Math.max(1, Math.min(2, os.availableParallelism()));
  const perPackage = await inParallel(pkgs, jobs, (pkg) => corpusFilesOf(pkg, out, debs, selectionStamp));

  const rows = pkgs.flatMap((pkg, i) => perPackage[i].map((f) => [pkg.name, pkg.version, `${pkg.name}/${f.path}`, kindOf(f.path), f.linkTarget]));
  const manifest = ['package\tversion\tpath\tkind\tlink_target', ...rows.map((r) => r.join('\t'))].join('\n') + '\n';
  writeAtomically(path.join(out, 'MANIFEST.tsv'), manifest);
  const packages = ['package\tversion\tarchitecture\tsha256', ...pkgs.map((p) => [p.name, p.version, p.architecture, p.sha256].join('\t'))].join('\n') + '\n';
  writeAtomically(path.join(out, 'PACKAGES.tsv'), packages);

  const pcPaths = rows.filter((r) => r[3] === 'pkgconfig').map((r) => r[2]);
  const pkgconfVersion = spawnSync('pkgconf', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const oracleFile = path.join(out, 'pkgconf-oracle.jsonl');
  const oracleStamp = path.join(out, '.state', 'pkgconf-oracle.stamp');
  const wantedStamp = hashOf(manifest, pkgconfVersion, sourceOf('pkgconf-oracle.js'));
  const savedStamp = fs.existsSync(oracleStamp) ? fs.readFileSync(oracleStamp, 'utf8') : '';
  if (savedStamp !== wantedStamp || !fs.existsSync(oracleFile)) {
    log(`asking pkgconf ${pkgconfVersion} about ${pcPaths.length} .pc files`);
    writeAtomically(oracleFile, pkgconfOracle(out, pcPaths).map((r) => JSON.stringify(r) + '\n').join(''));
    writeAtomically(oracleStamp, wantedStamp);
  }

  const kinds = new Map();
  for (const r of rows) kinds.set(r[3], (kinds.get(r[3]) ?? 0) + 1);
  const symlinks = rows.filter((r) => r[4] !== '').length;
  return (
    `corpus in ${out}: ${pkgs.length} packages` +
    (skipped.length ? ` (skipped, unknown to apt: ${skipped.join(' ')})` : '') +
    `, ${rows.length} files (${symlinks} symlinks): ` +
    [...kinds].map(([k, n]) => `${k} ${n}`).join(', ') +
    `; ${((Date.now() - started) / 1000).toFixed(1)}s`
  );
}

try {
  console.log(await main(process.argv.slice(2)));
} catch (error) {
  if (error instanceof Unavailable) {
    console.log(`unavailable: ${error.message}`);
    process.exitCode = 3;
  } else {
    log(error.message);
    process.exitCode = 1;
  }
}
