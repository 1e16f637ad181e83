import { isSystemdWhitespace } from './systemd-lines.js';

/**
 * One word of a value, split the way systemd's extract_first_word() splits
 * with EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE (src/basic/extract-word.c, systemd
 * 252): whitespace separates words, '…' and "…" quote (also in the middle of a
 * word, as in a shell), and backslash starts a C escape (escape.c,
 * cunescape_one).
 */
export interface Word {
  /** Offset of the word's first byte in the text it was taken from. */
  readonly start: number;
  /** Offset just past the word's last byte. */
  readonly end: number;
  /** The word unquoted and unescaped, as a byte string. */
  readonly value: string;
  /** For each byte of value: where its source starts in the text. */
  readonly origins: readonly number[];
  /** For each byte of value: where its source ends in the text. */
  readonly originEnds: readonly number[];
  /** For each byte of value: the quote it stood in (0 for none). */
  readonly quotes: readonly number[];
  /** True when the word has neither quotes nor escapes: value equals the source. */
  readonly plain: boolean;
  /**
   * Set when the word had escapes systemd does not know: like
   * extract_first_word_and_warn() it then keeps them verbatim and warns.
   */
  readonly warning?: string;
}

export interface WordError {
  readonly message: string;
  readonly offset: number;
}

export type WordResult = { readonly word: Word; readonly next: number } | { readonly error: WordError } | null;

function hex(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

function isValidCodePoint(cp: number): boolean {
  if (cp >= 0x110000) return false;
  if ((cp & 0xfffff800) === 0xd800) return false;
  if (cp >= 0xfdd0 && cp <= 0xfdef) return false;
  if ((cp & 0xfffe) === 0xfffe) return false;
  return true;
}

/** A code point as UTF-8 bytes (a byte string), surrogates included, like systemd's utf8_encode_unichar(). */
function utf8Bytes(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ',
};

/**
 * Decodes the escape whose letter is at `at` (just after the backslash).
 * Returns the bytes (as a byte string) and how many characters it used, or
 * undefined when systemd would reject it.
 */
export function decodeEscape(text: string, at: number): { bytes: string; length: number } | undefined {
  const c = text[at];
  if (c === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { bytes: simple, length: 1 };
  if (c === 'x') {
    const a = hex(text.charCodeAt(at + 1));
    const b = hex(text.charCodeAt(at + 2));
    if (a < 0 || b < 0 || (a === 0 && b === 0)) return undefined;
    return { bytes: String.fromCharCode((a << 4) | b), length: 3 };
  }
  if (c === 'u' || c === 'U') {
    const digits = c === 'u' ? 4 : 8;
    let cp = 0;
    for (let i = 1; i <= digits; i++) {
      const d = hex(text.charCodeAt(at + i));
      if (d < 0) return undefined;
      cp = cp * 16 + d;
    }
    if (cp === 0) return undefined;
    // Only \U is checked: systemd writes any \u as UTF-8, a surrogate (\uD800 → ED A0 80) too.
    if (c === 'U' && !isValidCodePoint(cp)) return undefined;
    return { bytes: utf8Bytes(cp), length: digits + 1 };
  }
  if (c >= '0' && c <= '7') {
    const a = text.charCodeAt(at) - 0x30;
    const b = text.charCodeAt(at + 1) - 0x30;
    const d = text.charCodeAt(at + 2) - 0x30;
    if (!(b >= 0 && b <= 7 && d >= 0 && d <= 7)) return undefined;
    const value = (a << 6) | (b << 3) | d;
    if (value === 0 || value > 255) return undefined;
    return { bytes: String.fromCharCode(value), length: 3 };
  }
  return undefined;
}

/** Skips systemd whitespace from `pos`. */
export function skipWhitespace(text: string, pos: number, end = text.length): number {
  while (pos < end && isSystemdWhitespace(text.charCodeAt(pos))) pos++;
  return pos;
}

export interface WordOptions {
  /** Decode C escapes (EXTRACT_CUNESCAPE); without it a backslash takes the next character as it is. */
  readonly cunescape: boolean;
  /**
   * Keep unknown escapes and a trailing backslash verbatim, with a warning,
   * as extract_first_word_and_warn() does on its second try (unit files).
   */
  readonly relaxed: boolean;
}

/** How unit files split command lines: EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE, retried relaxed. */
export const UNIT_WORDS: WordOptions = { cunescape: true, relaxed: true };

/**
 * A word with neither quotes nor escapes (most are): its value is its source,
 * so the per-byte maps are worked out only if someone asks for them.
 */
class PlainWord implements Word {
  readonly plain = true;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly value: string,
  ) {}
  get origins(): number[] {
    return Array.from({ length: this.value.length }, (_, i) => this.start + i);
  }
  get originEnds(): number[] {
    return Array.from({ length: this.value.length }, (_, i) => this.start + i + 1);
  }
  get quotes(): number[] {
    return new Array<number>(this.value.length).fill(0);
  }
}

/** Extracts the next word at or after `pos`; null when only whitespace is left. */
export function extractWord(text: string, pos: number, end = text.length, options: WordOptions = UNIT_WORDS): WordResult {
  let p = skipWhitespace(text, pos, end);
  if (p >= end) return null;
  const start = p;
  // Most words have no quote and no backslash: such a word is its source, taken whole without the maps below.
  let plainEnd = p;
  while (plainEnd < end) {
    const c = text.charCodeAt(plainEnd);
    if (c === 0x5c || c === 0x22 || c === 0x27 || isSystemdWhitespace(c)) break;
    plainEnd++;
  }
  if (plainEnd === end || isSystemdWhitespace(text.charCodeAt(plainEnd))) {
    return { word: new PlainWord(start, plainEnd, text.slice(start, plainEnd)), next: skipWhitespace(text, plainEnd, end) };
  }
  let value = '';
  // The per-byte maps exist only once the word stops being plain (a quote or a backslash).
  let origins: number[] | undefined;
  let originEnds: number[] = [];
  let quotes: number[] = [];
  let quote = 0;
  let warning: string | undefined;
  const unplain = (): void => {
    if (origins) return;
    origins = [];
    for (let i = start; i < p; i++) {
      origins.push(i);
      originEnds.push(i + 1);
      quotes.push(0);
    }
  };
  const emit = (bytes: string, from: number, to: number): void => {
    value += bytes;
    for (let i = 0; i < bytes.length; i++) {
      origins!.push(from);
      originEnds.push(to);
      quotes.push(quote);
    }
  };
  while (p < end) {
    const code = text.charCodeAt(p);
    if (code === 0x5c) {
      unplain();
      if (p + 1 >= end) {
        // Relaxed mode keeps an unquoted trailing backslash; otherwise it is an error.
        if (quote !== 0 || !options.relaxed) break;
        warning ??= 'trailing backslash kept as it is';
        emit('\\', p, p + 1);
        p++;
        continue;
      }
      if (!options.cunescape) {
        emit(text[p + 1]!, p, p + 2);
        p += 2;
        continue;
      }
      const escape = decodeEscape(text, p + 1);
      if (!escape || p + 1 + escape.length > end) {
        if (!options.relaxed) return { error: { message: `invalid escape '\\${text[p + 1]}'`, offset: p } };
        warning ??= `unknown escape sequence '\\${text[p + 1]}' kept as it is`;
        emit('\\' + text[p + 1], p, p + 2);
        p += 2;
        continue;
      }
      emit(escape.bytes, p, p + 1 + escape.length);
      p += 1 + escape.length;
      continue;
    }
    if (quote !== 0) {
      if (code === quote) quote = 0;
      else emit(text[p]!, p, p + 1);
      p++;
      continue;
    }
    if (code === 0x22 || code === 0x27) {
      unplain();
      quote = code;
      p++;
      continue;
    }
    if (isSystemdWhitespace(code)) break;
    // A run of ordinary bytes (most words are nothing else) is copied as one piece.
    let q = p + 1;
    while (q < end) {
      const c = text.charCodeAt(q);
      if (c === 0x5c || c === 0x22 || c === 0x27 || isSystemdWhitespace(c)) break;
      q++;
    }
    value += text.slice(p, q);
    if (origins) {
      for (let i = p; i < q; i++) {
        origins.push(i);
        originEnds.push(i + 1);
        quotes.push(0);
      }
    }
    p = q;
  }
  if (quote !== 0) return { error: { message: `unbalanced ${String.fromCharCode(quote)} quote`, offset: start } };
  if (p < end && text.charCodeAt(p) === 0x5c) return { error: { message: 'trailing backslash', offset: p } };
  const wordEnd = p;
  let word: Word;
  if (!origins) word = new PlainWord(start, wordEnd, value);
  else if (warning === undefined) word = { start, end: wordEnd, value, origins, originEnds, quotes, plain: false };
  else word = { start, end: wordEnd, value, origins, originEnds, quotes, plain: false, warning };
  return { word, next: skipWhitespace(text, p, end) };
}

/**
 * The word read again with its source bytes [start, end) replaced: only the
 * word's own bytes are joined and read, so checking each of many paths in a
 * long value costs their words, not the value each time. Offsets in the
 * result count from the word's start.
 */
export function extractReplacedWord(source: string, word: Word, start: number, end: number, replacement: string): WordResult {
  return extractWord(source.slice(word.start, start) + replacement + source.slice(end, word.end), 0);
}

/**
 * Where bytes [from, to) of a word's value stand in the source text, when
 * they can be replaced there as one piece: the range must start and end in the
 * same quoting state. Returns that span and the state, or undefined.
 */
export function wordSourceRange(word: Word, from: number, to: number): { start: number; end: number; quote: number } | undefined {
  if (from >= to || to > word.value.length) return undefined;
  if (word.plain) return { start: word.start + from, end: word.start + to, quote: 0 };
  const quote = word.quotes[from]!;
  if (word.quotes[to - 1] !== quote) return undefined;
  return { start: word.origins[from]!, end: word.originEnds[to - 1]!, quote };
}

/** C-unescapes a whole string like systemd's cunescape() without flags; undefined on a bad escape. */
export function cunescape(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') {
      out += text[i];
      continue;
    }
    const escape = decodeEscape(text, i + 1);
    if (!escape || i + 1 + escape.length > text.length) return undefined;
    out += escape.bytes;
    i += escape.length;
  }
  return out;
}
