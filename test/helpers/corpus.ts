import fs from 'node:fs';
import path from 'node:path';

export interface CorpusEntry {
  readonly package: string;
  readonly version: string;
  /** Path relative to the corpus root: <package>/<path in the .deb>. */
  readonly path: string;
  readonly kind: string;
  readonly linkTarget: string;
}

/** The corpus folder, or undefined when it could not be built (outside CI only). */
export function corpusDir(): string | undefined {
  const dir = process.env['UNITFIX_CORPUS'];
  if (!dir) {
    if (process.env['CI']) throw new Error('UNITFIX_CORPUS is not set although CI is');
    return undefined;
  }
  return dir;
}

export function corpusEntries(kinds?: readonly string[]): CorpusEntry[] {
  const dir = corpusDir();
  if (!dir) return [];
  const lines = fs.readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines
    .map((line) => {
      const [pkg, version, file, kind, linkTarget] = line.split('\t');
      return { package: pkg!, version: version!, path: file!, kind: kind!, linkTarget: linkTarget ?? '' };
    })
    .filter((e) => !kinds || kinds.includes(e.kind));
}

/** Regular files of the given kinds (symlinks left out). */
export function corpusFiles(kinds: readonly string[]): CorpusEntry[] {
  return corpusEntries(kinds).filter((e) => e.linkTarget === '');
}

export function describeIfCorpus(name: string, fn: () => void): void {
  (corpusDir() ? describe : describe.skip)(name, fn);
}
