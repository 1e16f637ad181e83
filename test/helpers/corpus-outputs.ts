import fs from 'node:fs';
import path from 'node:path';
import { corpusDir, corpusEntries, type CorpusEntry } from './corpus.js';

/** Where a corpus file sits in a store output: usr/X and X both map to X. */
export function outputRelative(entry: CorpusEntry): string {
  const inPackage = entry.path.slice(entry.package.length + 1);
  return inPackage.startsWith('usr/') ? inPackage.slice(4) : inPackage;
}

/** The corpus packages that ship files of the given kinds, with those files. */
export function packagesWith(kinds: readonly string[]): Map<string, CorpusEntry[]> {
  const byPackage = new Map<string, CorpusEntry[]>();
  for (const entry of corpusEntries(kinds)) {
    const list = byPackage.get(entry.package) ?? [];
    list.push(entry);
    byPackage.set(entry.package, list);
  }
  return byPackage;
}

/** Lays a package's files out as a store output under `out`, symlinks kept as symlinks. */
export function layOut(entries: readonly CorpusEntry[], out: string): string[] {
  const dir = corpusDir()!;
  const written: string[] = [];
  for (const entry of entries) {
    const target = path.join(out, outputRelative(entry));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (entry.linkTarget !== '') fs.symlinkSync(entry.linkTarget, target);
    else fs.copyFileSync(path.join(dir, entry.path), target);
    written.push(target);
  }
  return written;
}
