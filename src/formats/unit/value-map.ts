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
    // Segments are contiguous and in order: start at the first that reaches `start`, not at the
    // first of all (a value continued over 100,000 lines has 200,000 segments, and a rewrite asks
    // once per path in it).
    for (let i = this.firstReaching(start); i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      const segEnd = seg.valueStart + seg.length;
      if (start < seg.valueStart) break;
      if (start > segEnd) continue;
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
    // The last segment starting at or before the offset (the first when none does).
    const after = this.firstStartingAfter(valueOffset);
    const best = this.segments[Math.max(0, after - 1)];
    if (!best) return 0;
    return best.sourceStart + Math.min(valueOffset - best.valueStart, best.length);
  }

  /** Index of the first segment whose end is at or past `offset`. */
  private firstReaching(offset: number): number {
    let low = 0;
    let high = this.segments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const seg = this.segments[mid]!;
      if (seg.valueStart + seg.length < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Index of the first segment that starts past `offset`. */
  private firstStartingAfter(offset: number): number {
    let low = 0;
    let high = this.segments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.segments[mid]!.valueStart <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
