import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { printTmpfiles } from '../../src/formats/tmpfiles/print.js';
import type { TmpfilesEntry } from '../../src/formats/tmpfiles/model.js';

const parse = (text: string) => parseTmpfiles(Buffer.from(text, 'latin1'));

function fields(e: TmpfilesEntry) {
  return [e.letter, e.modifiers, e.path.value, e.mode?.value ?? null, e.user?.value ?? null, e.group?.value ?? null, e.age?.value ?? null, e.argument?.value ?? null];
}

describe('parseTmpfiles', () => {
  test('columns, defaults and the argument as the rest of the line', () => {
    const file = parse('# comment\n\nd /run/foo 0755 root root 10d\nL+ /etc/os-release - - - - ../usr/lib/os-release\nf /etc/motd - - - - Hello   world  \n');
    expect(file.entries.map(fields)).toEqual([
      ['d', '', '/run/foo', '0755', 'root', 'root', '10d', null],
      ['L', '+', '/etc/os-release', null, null, null, null, '../usr/lib/os-release'],
      ['f', '', '/etc/motd', null, null, null, null, 'Hello   world'],
    ]);
    expect(file.nodes.map((n) => n.type)).toEqual(['comment', 'blank', 'entry', 'entry', 'entry']);
  });

  test('trailing columns may be left out', () => {
    expect(parse('d /run/x\n').entries.map(fields)).toEqual([['d', '', '/run/x', null, null, null, null, null]]);
  });

  test('quotes group a column; the argument keeps quotes and is C-unescaped for C, L, f, F, w only', () => {
    const file = parse('f "/run/a b" - - - - "x\\ty"\nd /run/c - - - - "x\\ty"\n');
    expect(file.entries.map((e) => [e.path.value, e.argument?.raw, e.argument?.value])).toEqual([
      ['/run/a b', '"x\\ty"', '"x\ty"'],
      ['/run/c', '"x\\ty"', '"x\\ty"'],
    ]);
  });

  test('modifiers are read after the letter', () => {
    expect(parse('L!+-= /a - - - - /b\n').entries.map((e) => [e.letter, e.modifiers])).toEqual([['L', '!+-=']]);
  });

  test.each([
    ['Q\n', /type and a path/],
    ['bad line\n', /modifier 'a'/],
    ['k /x\n', /unknown line type 'k'/],
    ['d relative\n', /not absolute/],
    ['L~ /a - - - - x\n', /base64/],
    ['w /a\n', /need an argument/],
    ['c /dev/x - - - - nonsense\n', /device number/],
    ['C /a - - - - relative\n', /copy source/],
    ['f /a - - - - bad\\q\n', /invalid escape/],
    ['d "/unbalanced\n', /unbalanced/],
    ['d /a\\\n', /trailing backslash/],
    ['dd /a\n', /modifier 'd'/],
    ['L++ /a - - - - /b\n', /repeated modifier/],
  ])('%j is refused', (text, message) => {
    const file = parse(text);
    expect(file.entries).toEqual([]);
    expect(file.diagnostics.map((d) => d.severity)).toEqual(['error']);
    expect(file.diagnostics[0]!.message).toMatch(message);
  });

  test('warnings for arguments that are ignored and for /var/run', () => {
    expect(parse('d /var/run/x - - - - ignored\n').diagnostics.map((d) => d.message)).toEqual([
      "'d' lines take no argument; it is ignored",
      "'/var/run/x' is read as /run/x",
    ]);
  });

  test('prints back byte for byte, whatever the bytes', () => {
    for (const text of ['', 'd /a', '\r\n\r\n', 'L /a - - - - \xff\xfe\n', '  # c\n\0d /x\r', 'bad\n"unbalanced\n']) {
      const bytes = Buffer.from(text, 'latin1');
      expect(printTmpfiles(parseTmpfiles(bytes)).equals(bytes)).toBe(true);
    }
  });
});
