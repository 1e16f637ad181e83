import fs from 'node:fs';
import path from 'node:path';
import { describeIfPresent } from './skip.js';
import { missingTool } from './tools.js';

export interface CorpusEntry {
  readonly package: string;
  readonly version: string;
  /** Path relative to the corpus root: <package>/<path in the .deb>. */
  readonly path: string;
  readonly kind: string;
  readonly linkTarget: string;
}

const FETCH = 'node scripts/corpus/fetch-debian-corpus.js';

/**
 * Why the Debian corpus cannot be read, as one line saying how to get it, or
 * undefined when it can. test/global-setup.js fetches it and sets
 * UNITFIX_CORPUS, or leaves the reason it could not in UNITFIX_CORPUS_MISSING.
 */
export function corpusMissing(): string | undefined {
  const dir = process.env['UNITFIX_CORPUS'];
  if (!dir) return process.env['UNITFIX_CORPUS_MISSING'] ?? `no Debian corpus: UNITFIX_CORPUS is not set (npm test sets it, or run ${FETCH} and set it to that folder)`;
  if (!fs.existsSync(path.join(dir, 'MANIFEST.tsv'))) {
    return `no Debian corpus in UNITFIX_CORPUS=${dir} (no MANIFEST.tsv): run ${FETCH} --out ${dir}, or unset UNITFIX_CORPUS for npm test to fetch it`;
  }
  return undefined;
}

/** The corpus folder; only suites declared with describeIfCorpus may ask, so it is there. */
export function corpusDir(): string {
  const missing = corpusMissing();
  if (missing) throw new Error(missing);
  return process.env['UNITFIX_CORPUS']!;
}

export function corpusEntries(kinds?: readonly string[]): CorpusEntry[] {
  const lines = fs.readFileSync(path.join(corpusDir(), 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
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

/** A suite over the corpus: skipped with one line when it is missing (outside CI), its body not even called. */
export function describeIfCorpus(name: string, fn: () => void): void {
  describeIfPresent(corpusMissing(), name, fn);
}

/** A suite over the corpus that also runs `tool` (pkgconf, systemd-analyze ...) while declaring its tests. */
export function describeIfCorpusAndTool(tool: string, name: string, fn: () => void): void {
  describeIfPresent(corpusMissing() ?? missingTool(tool), name, fn);
}
