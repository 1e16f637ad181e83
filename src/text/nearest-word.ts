/** Edits (insert, delete, replace, swap two neighbours) that turn one word into the other. */
function distance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

export interface NearestOptions {
  /** The most edits a typo may be (default: a third of the word's length, at least one). */
  readonly limit?: number;
  /** Compare without regard to case (systemd's setting names are matched that way by people). */
  readonly ignoreCase?: boolean;
}

/**
 * The candidate a mistyped word was most likely meant to be: the nearest one
 * within `limit` edits, or undefined when nothing is that near; the first of
 * equally near ones. Bounded: the distance is at least the difference in
 * length, so a candidate whose length alone rules it out costs nothing (a
 * 100 KB key against every setting name would otherwise take half a minute).
 */
export function closest(word: string, candidates: Iterable<string>, options: NearestOptions = {}): string | undefined {
  const limit = options.limit ?? Math.max(1, Math.floor(word.length / 3));
  const fold = (w: string) => (options.ignoreCase ? w.toLowerCase() : w);
  const wanted = fold(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = distance(wanted, fold(candidate));
    if (d <= limit && d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** " (did you mean X?)", or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>, show: (candidate: string) => string = (c) => c): string {
  const near = closest(word, candidates);
  return near === undefined ? '' : ` (did you mean ${show(near)}?)`;
}
