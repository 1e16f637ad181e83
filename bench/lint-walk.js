// The floor under `unitfix lint` on a closure: walk the folders lint walks and
// read the files it reads, on one thread, with no parsing, rules or report.
// The folders and formats come from lint's own tables (dist/), so the floor
// follows them. Besides the configuration files: in a store path with units,
// the programs in bin/, sbin/ and libexec/ are listed and stat'ed (a unit's
// commands must exist); with --deep, every file outside the documentation
// folders is stat'ed and the executables are read.
// Usage: node bench/lint-walk.js [--deep] STORE-PATH...
import fs from 'node:fs';
import { DOCUMENTATION_FOLDERS, NON_CONFIG_FOLDERS, lintFormatOf } from '../dist/src/lint/collect.js';

const args = process.argv.slice(2);
const deep = args[0] === '--deep';
const roots = deep ? args.slice(1) : args;
const skipped = deep ? DOCUMENTATION_FOLDERS : NON_CONFIG_FOLDERS;
const chunk = Buffer.allocUnsafe(1 << 16);
let bytes = 0;

function read(file) {
  const fd = fs.openSync(file, 'r');
  for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) bytes += n;
  fs.closeSync(fd);
}

function walk(root, relative, found) {
  for (const entry of fs.readdirSync(relative === '' ? root : `${root}/${relative}`, { withFileTypes: true })) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!skipped.has(child)) walk(root, child, found);
    } else if (entry.isFile()) {
      const format = lintFormatOf(child);
      if (format) {
        read(`${root}/${child}`);
        if (format === 'unit' || format === 'sysusers') found.names = true;
      } else if (deep && (fs.statSync(`${root}/${child}`).mode & 0o111) !== 0) read(`${root}/${child}`);
    }
  }
}

function statPrograms(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) statPrograms(`${dir}/${entry.name}`);
    else fs.statSync(`${dir}/${entry.name}`, { throwIfNoEntry: false });
  }
}

for (const input of roots) {
  const root = fs.realpathSync.native(input);
  const found = { names: false };
  walk(root, '', found);
  if (found.names) for (const folder of ['bin', 'sbin', 'libexec']) statPrograms(`${root}/${folder}`);
}
if (process.env.UNITFIX_BENCH_VERBOSE) console.error(`${bytes} bytes read`);
