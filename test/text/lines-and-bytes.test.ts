import { isSystemdWhitespace, splitSystemdLines } from '../../src/text/systemd-lines.js';
import { locate } from '../../src/text/line-index.js';
import { binaryAt } from '../../src/text/binary.js';
import { isSystemdValidUtf8 } from '../../src/text/utf8.js';
import { isSafePath } from '../../src/text/safe-path.js';
import { decodeUtf8, displayText, fromByteString, toByteString } from '../../src/text/bytes.js';

/** Each line as [content, terminator]. */
const lines = (text: string) => splitSystemdLines(text).map((l) => [text.slice(l.start, l.contentEnd), text.slice(l.contentEnd, l.end)]);

describe("physical lines as systemd's read_line() cuts them", () => {
  test('LF, CR and NUL end a line; a run of them is one terminator while no kind repeats', () => {
    expect(lines('a\nb\r\nc\n\rd\re')).toEqual([['a', '\n'], ['b', '\r\n'], ['c', '\n\r'], ['d', '\r'], ['e', '']]);
    expect(lines('a\n\nb')).toEqual([['a', '\n'], ['', '\n'], ['b', '']]);
    expect(lines('a\r\r')).toEqual([['a', '\r'], ['', '\r']]);
    expect(lines('a\r\n\0b')).toEqual([['a', '\r\n\0'], ['b', '']]);
  });

  test('nothing follows a NUL in a terminator', () => {
    expect(lines('a\0\nb')).toEqual([['a', '\0'], ['', '\n'], ['b', '']]);
    expect(lines('a\0\0')).toEqual([['a', '\0'], ['', '\0']]);
  });

  test('a final terminator makes no empty line after it; numbers count from 1', () => {
    expect(lines('x\n')).toEqual([['x', '\n']]);
    expect(lines('')).toEqual([]);
    expect(splitSystemdLines('a\nb\nc').map((l) => l.number)).toEqual([1, 2, 3]);
  });

  test('whitespace is space, tab, LF and CR only', () => {
    expect([...' \t\n\r\v\f\0a'].map((c) => isSystemdWhitespace(c.charCodeAt(0)))).toEqual([true, true, true, true, false, false, false, false]);
  });

  test('locate: an offset becomes its 1-based line and byte column', () => {
    const text = 'ab\ncd\n\nef';
    const physical = splitSystemdLines(text);
    expect([0, 1, 2, 3, 4, 6, 7, 8, 9].map((o) => locate(physical, o))).toEqual([
      { line: 1, column: 1 }, { line: 1, column: 2 }, { line: 1, column: 3 }, { line: 2, column: 1 }, { line: 2, column: 2 },
      { line: 3, column: 1 }, { line: 4, column: 1 }, { line: 4, column: 2 }, { line: 4, column: 3 },
    ]);
    expect(locate([], 5)).toEqual({ line: 1, column: 6 });
  });
});

describe('bytes', () => {
  test('binaryAt: the first NUL byte, by line and byte column; none in text', () => {
    expect(binaryAt(Buffer.from('[Unit]\nDescription=x\n'))).toBeUndefined();
    expect(binaryAt(Buffer.from('\0abc'))).toEqual({ line: 1, column: 1 });
    expect(binaryAt(Buffer.from('\n\0'))).toEqual({ line: 2, column: 1 });
    expect(binaryAt(Buffer.from('ab\ncd\n\nxy\0z\n\0'))).toEqual({ line: 4, column: 3 });
    expect(binaryAt(Buffer.from('\xe9t\xe9\n', 'latin1'))).toBeUndefined();
  });

  test("isSystemdValidUtf8: strict UTF-8, also without systemd's noncharacters", () => {
    const valid = (hex: string) => isSystemdValidUtf8(Buffer.from(hex, 'hex').toString('latin1'));
    expect(valid('41')).toBe(true);
    expect(valid('c3a9')).toBe(true);
    expect(valid('f09f9880')).toBe(true);
    expect(valid('efbfbd')).toBe(true);
    expect(valid('c3')).toBe(false);
    expect(valid('c0af')).toBe(false);
    expect(valid('eda080')).toBe(false);
    expect(valid('f4908080')).toBe(false);
    // U+FDD0, U+FDEF, U+FFFE, U+FFFF, U+1FFFE: valid UTF-8, refused by systemd.
    for (const nonchar of ['efb790', 'efb7af', 'efbfbe', 'efbfbf', 'f09fbfbe']) expect(valid(nonchar)).toBe(false);
    expect(valid('efb78f')).toBe(true);
    expect(valid('efb7b0')).toBe(true);
  });

  test('isSafePath: what a store path can hold, nothing that would need quoting', () => {
    expect(isSafePath('/nix/store/0000-name-1.2+x/bin/a_b.c=d?e@f,g:h~i')).toBe(true);
    for (const unsafe of ['', '/a b', '/a%i', '/a$x', '/a"b', "/a'b", '/a\\b', '/a;b', '/a\nb', '/é']) expect({ unsafe, safe: isSafePath(unsafe) }).toEqual({ unsafe, safe: false });
  });

  test('byte strings: one character per byte, whatever the encoding, from a slice of a larger buffer too', () => {
    const whole = Buffer.from('xx\xc3\xa9\xffyy', 'latin1');
    const slice = whole.subarray(2, 5);
    expect(toByteString(slice)).toBe('\xc3\xa9\xff');
    expect(fromByteString('\xc3\xa9\xff').equals(slice)).toBe(true);
    expect(decodeUtf8('\xc3\xa9')).toBe('é');
    expect(decodeUtf8('\xff')).toBeUndefined();
    expect(displayText('\xc3\xa9t\xc3\xa9')).toBe('été');
    expect(displayText('a\xffb')).toBe('a\ufffdb');
    expect(displayText('plain')).toBe('plain');
  });
});
