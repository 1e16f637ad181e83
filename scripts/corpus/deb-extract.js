// Unpacks one .deb and keeps the corpus files, at their path inside the
// package, symlinks as symlinks (never followed).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isRelevant, isText } from './corpus-selection.js';

const run = promisify(execFile);

/** Paths under `root` (relative, '/'-separated) of regular files and symlinks, in byte order. */
function walk(root) {
  const found = [];
  const visit = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile() || entry.isSymbolicLink()) found.push(child);
    }
  };
  visit('');
  return found.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/**
 * Extracts `deb` into `scratch` (which must not exist), moves the corpus files
 * into `dest` (which must not exist either) and returns them as
 * { path, linkTarget } with linkTarget '' for regular files.
 */
export async function extractCorpusFiles(deb, scratch, dest) {
  await run('dpkg-deb', ['-x', deb, scratch]);
  const kept = [];
  try {
    for (const rel of walk(scratch)) {
      if (!isRelevant(rel)) continue;
      const from = path.join(scratch, rel);
      const link = fs.lstatSync(from).isSymbolicLink() ? fs.readlinkSync(from) : '';
      if (link === '' && !isText(fs.readFileSync(from))) continue;
      const to = path.join(dest, rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      // Same file system (both under the output folder): a rename keeps mode and times.
      fs.renameSync(from, to);
      kept.push({ path: rel, linkTarget: link });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  fs.mkdirSync(dest, { recursive: true });
  return kept;
}
