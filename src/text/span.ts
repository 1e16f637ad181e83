/** A half-open range of byte offsets into a file: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}
