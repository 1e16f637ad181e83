/**
 * Splits text into physical lines the way systemd's read_line() does
 * (src/basic/fileio.c, read_line_full, systemd 252): a line ends at \n, \r or
 * NUL, and a run of end-of-line bytes counts as one terminator as long as no
 * kind repeats and no byte follows a NUL ("\r\n", "\n\r", "\r\n\0" are one;
 * "\n\n" is two). A final line without terminator is still a line; a file that
 * ends in a terminator has no empty line after it. unit files, tmpfiles.d and
 * sysusers.d are all read through read_line().
 */
export interface PhysicalLine {
  /** 1-based line number, as systemd counts it in its messages. */
  readonly number: number;
  readonly start: number;
  /** End of the content, before the terminator. */
  readonly contentEnd: number;
  /** End of the terminator; the next line starts here. */
  readonly end: number;
}

const LF = 1;
const CR = 2;
const NUL = 4;

function eolKind(code: number): number {
  if (code === 0x0a) return LF;
  if (code === 0x0d) return CR;
  if (code === 0x00) return NUL;
  return 0;
}

export function splitSystemdLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  const length = text.length;
  let start = 0;
  while (start < length) {
    let i = start;
    // Fast scan to the first end-of-line byte.
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || c === 0x0d || c === 0x00) break;
      i++;
    }
    const contentEnd = i;
    let seen = 0;
    while (i < length && !(seen & NUL)) {
      const kind = eolKind(text.charCodeAt(i));
      if (kind === 0 || seen & kind) break;
      seen |= kind;
      i++;
    }
    lines.push({ number: lines.length + 1, start, contentEnd, end: i });
    start = i;
  }
  return lines;
}

/** systemd's WHITESPACE set: space, tab, newline, carriage return. */
export function isSystemdWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
