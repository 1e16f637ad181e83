import { cunescape, decodeEscape, extractWord, wordSourceRange, type WordResult } from '../../src/text/extract-word.js';
import { COLUMN_WORDS, extractColumns, splitColumnLines } from '../../src/text/column-lines.js';

/** The word's value and where the next one starts, or the error's message and offset. */
function take(text: string, pos = 0, options?: Parameters<typeof extractWord>[3], end = text.length): unknown {
  const result: WordResult = extractWord(text, pos, end, options);
  if (result === null) return null;
  if ('error' in result) return result.error;
  return { value: result.word.value, start: result.word.start, end: result.word.end, next: result.next, plain: result.word.plain, warning: result.word.warning };
}

describe('C escapes as systemd decodes them (cunescape_one)', () => {
  test.each([
    ['n', '\n', 1], ['t', '\t', 1], ['s', ' ', 1], ['\\', '\\', 1], ['"', '"', 1], ["'", "'", 1], ['a', '\x07', 1], ['v', '\v', 1], ['b', '\b', 1], ['f', '\f', 1], ['r', '\r', 1],
    // A 0 is an octal digit in every place: only the whole value may not be 0.
    ['120', 'P', 3], ['100', '@', 3], ['010', '\b', 3],
    ['x41', 'A', 3], ['xfF', '\xff', 3], ['xaA', '\xaa', 3], ['x0a', '\n', 3], ['x10', '\x10', 3], ['101', 'A', 3], ['377', '\xff', 3], ['007', '\x07', 3],
    ['u007f', '\x7f', 5], ['u0080', '\xc2\x80', 5], ['U000000e9', '\xc3\xa9', 9], ['u00e9', '\xc3\xa9', 5], ['u07ff', '\xdf\xbf', 5], ['u0800', '\xe0\xa0\x80', 5], ['uFFFD', '\xef\xbf\xbd', 5],
    // systemd writes any \u as UTF-8 without judging it: a surrogate too (systemd-analyze shows ED A0 80).
    ['uD800', '\xed\xa0\x80', 5], ['uFFFE', '\xef\xbf\xbe', 5],
    ['U0001F600', '\xf0\x9f\x98\x80', 9], ['U0010FFFD', '\xf4\x8f\xbf\xbd', 9], ['U00010000', '\xf0\x90\x80\x80', 9],
  ])('\\%s gives %j', (escape, bytes, length) => {
    expect(decodeEscape(escape, 0)).toEqual({ bytes, length });
  });

  test.each([
    ['x00', 'NUL is never allowed'], ['000', 'NUL'], ['u0000', 'NUL'], ['U00000000', 'NUL'],
    ['400', 'octal past 255'], ['x4', 'one hex digit'], ['xg1', 'not hex'], ['18', 'one octal digit then 8'],
    ['UFFFFFFFF', 'past U+10FFFF'], ['U00110000', 'past U+10FFFF'], ['U0000FFFE', 'a noncharacter'], ['U0001FFFF', 'a noncharacter'], ['U0000FDD0', 'a noncharacter'], ['U0000FDEF', 'a noncharacter'], ['U0000D800', 'a surrogate'], ['U0000DFFF', 'a surrogate'],
    ['780', 'octal digit 8 in the middle'], ['17', 'two octal digits'], ['181', 'second digit 8'], ['1/1', 'second digit below 0'], ['118', 'third digit 8'], ['11/', 'third digit below 0'],
    ['/12', 'a first digit below 0'], ['812', 'a first digit 8'],
    ['u12', 'too few digits'], ['q', 'unknown letter'], ['', 'nothing after the backslash'],
  ])('\\%s is refused (%s)', (escape) => {
    expect(decodeEscape(escape, 0)).toBeUndefined();
  });

  test('cunescape decodes a whole string and refuses it on one bad or cut escape', () => {
    expect(cunescape('a\\tb\\x41\\101\\\\')).toBe('a\tbAA\\');
    expect(cunescape('plain')).toBe('plain');
    expect(cunescape('a\\qb')).toBeUndefined();
    expect(cunescape('a\\x4')).toBeUndefined();
    expect(cunescape('ends\\')).toBeUndefined();
  });
});

describe('extractWord: words as extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE) splits them', () => {
  test('whitespace (space, tab, CR, LF) separates; the next word starts after it', () => {
    expect(take('  ab \t\r\ncd')).toEqual({ value: 'ab', start: 2, end: 4, next: 8, plain: true, warning: undefined });
    expect(take('  ab \t\r\ncd', 8)).toEqual({ value: 'cd', start: 8, end: 10, next: 10, plain: true, warning: undefined });
    expect(take(' \t ')).toBeNull();
    // \v and \f are not systemd whitespace: they stay in the word.
    expect(take('a\vb\fc')).toMatchObject({ value: 'a\vb\fc' });
  });

  test('the text ends where the caller says, escapes included', () => {
    expect(take('abc def', 0, undefined, 2)).toMatchObject({ value: 'ab', end: 2, next: 2 });
    expect(take('a  b', 0, undefined, 1)).toMatchObject({ value: 'a', next: 1 });
    // A backslash just past the end is not this word's.
    expect(take('ab\\x', 0, { cunescape: true, relaxed: false }, 2)).toMatchObject({ value: 'ab' });
    // An escape cut by the end is refused, or kept as it is when relaxed.
    expect(take('a\\x41', 0, { cunescape: true, relaxed: false }, 4)).toEqual({ message: "invalid escape '\\x'", offset: 1 });
    expect(take('a\\x41', 0, undefined, 4)).toMatchObject({ value: 'a\\x4' });
  });

  test('quotes unquote in the middle of a word too, and escapes work inside double and single quotes', () => {
    expect(take(`a"b c"d'e f'g rest`)).toMatchObject({ value: 'ab cde fg', end: 13, next: 14, plain: false });
    expect(take(`"\\x41\\n" x`)).toMatchObject({ value: 'A\n', end: 8 });
    expect(take(`'a\\tb'`)).toMatchObject({ value: 'a\tb' });
  });

  test('an unbalanced quote is an error at the word, a bad escape an error at the backslash', () => {
    expect(take('x "ab', 2)).toEqual({ message: 'unbalanced " quote', offset: 2 });
    expect(take("x 'ab", 2)).toEqual({ message: "unbalanced ' quote", offset: 2 });
    expect(take('ab\\qc', 0, { cunescape: true, relaxed: false })).toEqual({ message: "invalid escape '\\q'", offset: 2 });
    expect(take('ab\\', 0, { cunescape: true, relaxed: false })).toEqual({ message: 'trailing backslash', offset: 2 });
  });

  test('relaxed, as units read command lines: unknown escapes and a trailing backslash are kept, with a warning', () => {
    expect(take('a\\qb')).toMatchObject({ value: 'a\\qb', plain: false, warning: "unknown escape sequence '\\q' kept as it is" });
    expect(take('ab\\')).toMatchObject({ value: 'ab\\', plain: false, warning: 'trailing backslash kept as it is' });
    const trailing = extractWord('ab\\', 0)!;
    expect('word' in trailing && trailing.word.originEnds).toEqual([1, 2, 3]);
    const kept = extractWord('a\\qb', 0)!;
    expect('word' in kept && [kept.word.origins, kept.word.originEnds]).toEqual([[0, 1, 1, 3], [1, 3, 3, 4]]);
    // Inside a quote a trailing backslash is still an error.
    expect(take('"ab\\')).toEqual({ message: 'unbalanced " quote', offset: 0 });
  });

  test('without C unescaping (tmpfiles.d and sysusers.d columns before v254) a backslash takes the next byte as it is', () => {
    expect(take('a\\tb\\ c', 0, COLUMN_WORDS)).toMatchObject({ value: 'atb c', end: 7 });
    const word = extractWord('a\\tb', 0, 4, COLUMN_WORDS)!;
    expect('word' in word && [word.word.origins, word.word.originEnds]).toEqual([[0, 1, 3], [1, 3, 4]]);
    expect(take('ab\\', 0, COLUMN_WORDS)).toEqual({ message: 'trailing backslash', offset: 2 });
  });

  test('each value byte knows where it came from and in which quote it stood', () => {
    const result = extractWord(`x"y\\tz"`, 0)!;
    if (!('word' in result)) throw new Error('no word');
    const { word } = result;
    expect(word.value).toBe('xy\tz');
    expect(word.origins).toEqual([0, 2, 3, 5]);
    expect(word.originEnds).toEqual([1, 3, 5, 6]);
    expect(word.quotes).toEqual([0, 0x22, 0x22, 0x22]);
    const plain = extractWord('  /usr/bin/x', 0)!;
    if (!('word' in plain)) throw new Error('no word');
    expect([plain.word.origins, plain.word.originEnds, plain.word.quotes]).toEqual([[2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], Array(10).fill(0)]);
  });

  test('wordSourceRange: a part of the value maps back to the file only when it starts and ends in one quoting state', () => {
    const result = extractWord(`a"/usr/bin"c`, 0)!;
    if (!('word' in result)) throw new Error('no word');
    expect(wordSourceRange(result.word, 1, 9)).toEqual({ start: 2, end: 10, quote: 0x22 });
    expect(wordSourceRange(result.word, 0, 9)).toBeUndefined();
    expect(wordSourceRange(result.word, 3, 3)).toBeUndefined();
    expect(wordSourceRange(result.word, 0, 99)).toBeUndefined();
    const plain = extractWord(' /usr/bin/x', 0)!;
    if (!('word' in plain)) throw new Error('no word');
    expect(wordSourceRange(plain.word, 0, 4)).toEqual({ start: 1, end: 5, quote: 0 });
  });
});

describe('column files', () => {
  test('lines are stripped of systemd whitespace, and blank, comment or content', () => {
    const text = ' \t\n  # c\nd /x 0755 \r\n#\n';
    expect(splitColumnLines(text).map((l) => [l.kind, text.slice(l.start, l.end)])).toEqual([
      ['blank', ''],
      ['comment', '# c'],
      ['content', 'd /x 0755'],
      ['comment', '#'],
    ]);
  });

  test('extractColumns takes at most `count` words and says where the rest starts', () => {
    const text = 'L /a - - - - ../b c';
    const columns = extractColumns(text, 0, text.length, 6);
    expect('words' in columns && [columns.words.map((w) => w.value), text.slice(columns.rest)]).toEqual([['L', '/a', '-', '-', '-', '-'], '../b c']);
    const short = extractColumns('u foo', 0, 5, 6);
    expect('words' in short && [short.words.length, short.rest]).toEqual([2, 5]);
    expect(extractColumns('u "foo', 0, 6, 6)).toEqual({ error: { message: 'unbalanced " quote', offset: 2 } });
  });
});
