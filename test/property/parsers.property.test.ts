import fc from 'fast-check';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { parsePc } from '../../src/formats/pkgconfig/parse.js';
import { evaluatePc } from '../../src/formats/pkgconfig/evaluate.js';
import { splitPcLines, splitPcLinesCharwise, type PcLine } from '../../src/formats/pkgconfig/lines.js';
import { toByteString } from '../../src/text/bytes.js';
import { RUNS } from './runs.js';
import { input } from './biased-bytes.js';
import { PARSERS } from './round-trips.js';

describe.each(PARSERS)('%s parser on arbitrary bytes', (_name, roundTrip) => {
  test(`never throws and prints back the same bytes (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(input, (bytes) => roundTrip(bytes).equals(bytes)),
      { numRuns: RUNS },
    );
  });
});

describe('semantic layers on arbitrary bytes', () => {
  test('command lines and pkgconf evaluation never throw', () => {
    fc.assert(
      fc.property(input, (bytes) => {
        const unit = parseUnit(bytes);
        for (const section of unit.sections) for (const a of section.assignments) parseCommandLines(a.rawValue);
        evaluatePc(parsePc(bytes), { pcfiledir: '/x' });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('.pc lines: the verbatim shortcut', () => {
  const plain = (l: PcLine) => ({ number: l.number, start: l.start, end: l.end, content: l.content, origins: [...l.origins], commentStart: l.commentStart });
  const same = (text: string) => expect(splitPcLines(text).map(plain)).toEqual(splitPcLinesCharwise(text).map(plain));

  test(`gives the lines, contents and origins that reading each character gives (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(input, (bytes) => same(toByteString(bytes))),
      { numRuns: RUNS },
    );
  });

  test('is taken for plain lines and only for them', () => {
    const text = 'prefix=/usr\nlibdir=${prefix}/lib # c\nName: x\\\n  y\nA: b\r\nlast';
    same(text);
    // Each line is a class instance or a plain object: the shortcut's lines are the instances.
    expect(splitPcLines(text).map((l) => Object.getPrototypeOf(l) !== Object.prototype)).toEqual([true, false, false, false, true]);
  });
});

describe('extreme inputs print back byte for byte (their cost bounds: docs/reliability.md)', () => {
  const cases: [string, Buffer][] = [
    ['NUL bytes everywhere', Buffer.from('[Se\0rvice]\0ExecStart=\0/bin/x\0\n\0', 'latin1')],
    ['only CRs', Buffer.from('\r'.repeat(5000))],
    ['no final newline', Buffer.from('[Service]\nExecStart=/usr/bin/x')],
    ['invalid UTF-8', Buffer.from('[Service]\nDescription=\xff\xfe\xc3\n', 'latin1')],
    ['a BOM and CRLF', Buffer.from('\xef\xbb\xbf[Unit]\r\nDescription=x\r\n', 'latin1')],
  ];
  test.each(cases)('%s', (_name, bytes) => {
    for (const [, roundTrip] of PARSERS) expect(roundTrip(bytes).equals(bytes)).toBe(true);
  });
});
