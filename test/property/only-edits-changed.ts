import type { Edit } from '../../src/text/edit.js';

/** Every byte outside the edited spans is where it was, and the edits are exactly the difference. */
export function onlyEditsChanged(before: Buffer, after: Buffer, edits: readonly Edit[]): boolean {
  let delta = 0;
  let cursor = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (!before.subarray(cursor, e.start).equals(after.subarray(cursor + delta, e.start + delta))) return false;
    if (!after.subarray(e.start + delta, e.start + delta + e.text.length).equals(e.text)) return false;
    delta += e.text.length - (e.end - e.start);
    cursor = e.end;
  }
  return before.subarray(cursor).equals(after.subarray(cursor + delta));
}
