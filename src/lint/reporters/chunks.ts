/**
 * How many findings a reporter formats before it hands its text on: a closure's
 * report can be tens of megabytes, and written a batch at a time it never has
 * to be one string (nor one array of all its lines) in memory.
 */
export const FINDINGS_PER_CHUNK = 1000;

/** The text of ITEMS, FINDINGS_PER_CHUNK of them to a chunk. */
export function* inChunks<T>(items: readonly T[], format: (item: T, index: number) => string): Generator<string> {
  for (let start = 0; start < items.length; start += FINDINGS_PER_CHUNK) {
    let text = '';
    for (let i = start; i < Math.min(start + FINDINGS_PER_CHUNK, items.length); i++) text += format(items[i]!, i);
    yield text;
  }
}

/** The report whole, for callers that want one string (tests, the library's users). */
export function joinChunks(chunks: Iterable<string>): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}
