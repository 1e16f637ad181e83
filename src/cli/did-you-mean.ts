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

/**
 * The candidate a mistyped word was most likely meant to be: the nearest one
 * within a third of the word's length (at least one edit), or undefined when
 * nothing is that near. Words are short (option names, rule ids): a plain
 * table is fast enough.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // Bounded input: a 10 kB argument must not cost a 10 kB × 10 kB table.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = distance(word, candidate);
    if (d <= limit && d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** " (did you mean X?)", or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>, show: (candidate: string) => string = (c) => c): string {
  const near = closest(word, candidates);
  return near === undefined ? '' : ` (did you mean ${show(near)}?)`;
}
