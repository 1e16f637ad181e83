import type { PhysicalLine } from './systemd-lines.js';

export interface Position {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, counted in bytes. */
  readonly column: number;
}

/** Maps byte offsets to line and column, for display only: nodes store offsets. */
export function locate(lines: readonly PhysicalLine[], offset: number): Position {
  let low = 0;
  let high = lines.length - 1;
  if (high < 0) return { line: 1, column: offset + 1 };
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  const line = lines[low]!;
  return { line: line.number, column: offset - line.start + 1 };
}
