import { extractWord, type Word, type WordError, type WordOptions } from './extract-word.js';
import { isSystemdWhitespace, splitSystemdLines, type PhysicalLine } from './systemd-lines.js';

/**
 * Line-oriented files of whitespace-separated columns, as systemd-tmpfiles
 * and systemd-sysusers read them (read_config_file in systemd 252): each line
 * from read_line() is stripped; empty lines and lines starting with '#' are
 * skipped; there are no continuation lines.
 */
export interface ColumnLine {
  readonly line: PhysicalLine;
  readonly kind: 'blank' | 'comment' | 'content';
  /** The stripped content, as offsets into the file. */
  readonly start: number;
  readonly end: number;
}

export function splitColumnLines(text: string): ColumnLine[] {
  return splitSystemdLines(text).map((line) => {
    let start = line.start;
    let end = line.contentEnd;
    while (start < end && isSystemdWhitespace(text.charCodeAt(start))) start++;
    while (end > start && isSystemdWhitespace(text.charCodeAt(end - 1))) end--;
    const kind = start === end ? 'blank' : text[start] === '#' ? 'comment' : 'content';
    return { line, kind, start, end };
  });
}

/** systemd-tmpfiles and systemd-sysusers split columns with EXTRACT_UNQUOTE only: no C escapes. */
export const COLUMN_WORDS: WordOptions = { cunescape: false, relaxed: false };

/**
 * Takes up to `count` words from [start, end), like extract_many_words();
 * `rest` is where the text after them starts (end when nothing is left).
 */
export function extractColumns(
  text: string,
  start: number,
  end: number,
  count: number,
  options: WordOptions = COLUMN_WORDS,
): { readonly words: Word[]; readonly rest: number } | { readonly error: WordError } {
  const words: Word[] = [];
  let pos = start;
  while (words.length < count) {
    const result = extractWord(text, pos, end, options);
    if (result === null) {
      pos = end;
      break;
    }
    if ('error' in result) return { error: result.error };
    words.push(result.word);
    pos = result.next;
  }
  return { words, rest: pos };
}
