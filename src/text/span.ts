/** A half-open range of byte offsets into a file: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** What a parser found wrong at a place in a file: 'error' when the real tool refuses it, 'warning' when it ignores it silently. */
export interface LineDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly line: number;
  readonly span: Span;
}
