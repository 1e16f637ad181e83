import type { Span } from '../../text/span.js';

/** A run of the logical value that stands contiguously in the file. */
export interface ValueSegment {
  readonly valueStart: number;
  readonly sourceStart: number;
  readonly length: number;
  /** A continuation backslash that systemd reads as a space: not editable. */
  readonly synthetic: boolean;
}

/**
 * Maps offsets in a logical value (continuation lines joined) to byte offsets
 * in the file. A span maps back only when it lies within one physical line,
 * so an edit never has to re-flow continuation lines.
 */
export class ValueMap {
  constructor(readonly segments: readonly ValueSegment[]) {}

  toSource(start: number, end: number): Span | undefined {
    for (const seg of this.segments) {
      const segEnd = seg.valueStart + seg.length;
      if (start < seg.valueStart || start > segEnd) continue;
      if (end > segEnd) continue;
      if (seg.synthetic && end > start) return undefined;
      if (start === segEnd && end === start) {
        return { start: seg.sourceStart + seg.length, end: seg.sourceStart + seg.length };
      }
      return { start: seg.sourceStart + (start - seg.valueStart), end: seg.sourceStart + (end - seg.valueStart) };
    }
    return undefined;
  }

  /** The file offset of a value offset, for positions in messages. */
  sourceOffset(valueOffset: number): number {
    let best = this.segments[0];
    for (const seg of this.segments) {
      if (seg.valueStart <= valueOffset) best = seg;
      else break;
    }
    if (!best) return 0;
    return best.sourceStart + Math.min(valueOffset - best.valueStart, best.length);
  }
}
