import type { Span } from './span.js';

/** Replace the bytes in [start, end) of the original source with `text`. */
export interface Edit extends Span {
  readonly text: Buffer;
}

export class OverlappingEditsError extends Error {
  constructor(readonly first: Edit, readonly second: Edit) {
    super(`edits overlap: [${first.start}, ${first.end}) and [${second.start}, ${second.end})`);
    this.name = 'OverlappingEditsError';
  }
}

/**
 * Applies edits computed against `source` (never against each other's
 * results). Edits may come in any order; overlapping ones are refused, so a
 * rewrite can never silently clobber another.
 */
export function applyEdits(source: Buffer, edits: readonly Edit[]): Buffer {
  if (edits.length === 0) return source;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: Buffer[] = [];
  let cursor = 0;
  let previous: Edit | undefined;
  for (const edit of sorted) {
    if (edit.start < 0 || edit.end > source.length || edit.start > edit.end) {
      throw new RangeError(`edit [${edit.start}, ${edit.end}) is outside the source (${source.length} bytes)`);
    }
    if (previous && edit.start < previous.end) throw new OverlappingEditsError(previous, edit);
    parts.push(source.subarray(cursor, edit.start), edit.text);
    cursor = edit.end;
    previous = edit;
  }
  parts.push(source.subarray(cursor));
  return Buffer.concat(parts);
}
