/**
 * Logical lines of a .pc file as pkgconf 1.8 reads them (pkgconf_fgetline in
 * libpkgconf/fileio.c):
 * - a backslash quotes the next character: before a newline it joins the
 *   next line (whose leading blanks are dropped), before '#' it gives a
 *   literal '#', before anything else it stays as written;
 * - an unquoted '#' ends the line: the rest up to the next LF is a comment
 *   (a comment that runs into the end of the file leaves a stray 0xff byte
 *   in the line, as pkgconf stores EOF there);
 * - LF, CRLF and a lone CR end a line; a quoted CR turns into a newline
 *   inside the line.
 * Every logical line knows where each of its characters came from.
 */
export interface PcLine {
  /** 1-based number of the first physical line. */
  readonly number: number;
  /** Source range consumed, terminator and comment included. */
  readonly start: number;
  readonly end: number;
  /** The line as pkgconf's parser sees it, a byte string. */
  readonly content: string;
  /** For each character of content: its source offset, or -1 when pkgconf made it up. */
  readonly origins: readonly number[];
  /** Where a comment starts ('#'), or -1. */
  readonly commentStart: number;
}

/**
 * A line without a backslash, '#' or CR: pkgconf reads it as written, so its
 * content is its source and each character's origin is its own offset. Most
 * lines are such; their origins are only made when a rewrite asks for them.
 */
class VerbatimLine implements PcLine {
  readonly commentStart = -1;
  #origins: number[] | undefined;
  constructor(
    readonly number: number,
    readonly start: number,
    readonly end: number,
    readonly content: string,
  ) {}
  /** Made once, when first asked: a caller may index it once per character. */
  get origins(): number[] {
    return (this.#origins ??= Array.from({ length: this.content.length }, (_, i) => this.start + i));
  }
}

/** Does text[from, to) hold a character that makes pkgconf read a line other than as written? */
function needsReading(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */ || c === 0x23 /* # */ || c === 0x0d /* CR */) return true;
  }
  return false;
}

/** The logical lines of a .pc file: verbatim lines taken whole, the others read a character at a time. */
export function splitPcLines(text: string): PcLine[] {
  return readPcLines(text, true);
}

/** splitPcLines without the verbatim shortcut, every line read a character at a time: what the shortcut must agree with. */
export function splitPcLinesCharwise(text: string): PcLine[] {
  return readPcLines(text, false);
}

function readPcLines(text: string, verbatim: boolean): PcLine[] {
  const lines: PcLine[] = [];
  const n = text.length;
  let pos = 0;
  let physical = 1;
  while (pos < n) {
    const start = pos;
    if (verbatim) {
      const newline = text.indexOf('\n', pos);
      const contentEnd = newline === -1 ? n : newline;
      if (!needsReading(text, pos, contentEnd)) {
        pos = newline === -1 ? n : newline + 1;
        lines.push(new VerbatimLine(physical, start, pos, text.slice(start, contentEnd)));
        if (newline !== -1) physical++;
        continue;
      }
    }
    const number = physical;
    let content = '';
    const origins: number[] = [];
    let quoted = false;
    let quotedAt = -1;
    let commentStart = -1;
    const push = (ch: string, origin: number) => {
      content += ch;
      origins.push(origin);
    };
    for (;;) {
      if (pos >= n) break;
      const c = text[pos]!;
      const at = pos++;
      if (c === '\\' && !quoted) {
        quoted = true;
        quotedAt = at;
        continue;
      }
      if (c === '#') {
        if (quoted) {
          push('#', at);
          quoted = false;
          continue;
        }
        commentStart = at;
        while (pos < n && text[pos] !== '\n') {
          if (text[pos] === '\r') physical++;
          pos++;
        }
        if (pos < n) {
          push('\n', pos);
          pos++;
          physical++;
        } else push('\xff', -1);
        break;
      }
      if (c === '\n') {
        physical++;
        if (quoted) {
          while (pos < n && (text[pos] === ' ' || text[pos] === '\t')) pos++;
          quoted = false;
          continue;
        }
        push('\n', at);
        break;
      }
      if (c === '\r') {
        physical++;
        push('\n', at);
        if (text[pos] === '\n') {
          pos++;
          if (quoted) {
            quoted = false;
            continue;
          }
          break;
        }
        if (quoted) {
          quoted = false;
          continue;
        }
        break;
      }
      if (quoted) {
        push('\\', quotedAt);
        quoted = false;
      }
      push(c, at);
    }
    // pkgconf drops the final newline (and a CR before it) from the line.
    if (content.endsWith('\n')) {
      content = content.slice(0, -1);
      origins.pop();
      if (content.endsWith('\r')) {
        content = content.slice(0, -1);
        origins.pop();
      }
    }
    lines.push({ number, start, end: pos, content, origins, commentStart });
  }
  return lines;
}
