/** A half-open range of byte offsets into a file: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanLength(s: Span): number {
  return s.end - s.start;
}
