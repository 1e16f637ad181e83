import fc from 'fast-check';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { printUnit } from '../../src/formats/unit/print.js';
import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { printTmpfiles } from '../../src/formats/tmpfiles/print.js';
import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { printSysusers } from '../../src/formats/sysusers/print.js';
import { parsePc, printPc } from '../../src/formats/pkgconfig/parse.js';
import { evaluatePc, PC_VALUE_LIMIT } from '../../src/formats/pkgconfig/evaluate.js';
import { RUNS } from './runs.js';

/**
 * Bytes biased towards what the parsers treat specially: line ends, NUL,
 * backslashes, quotes, comment and section characters, '=' ':' '$' '{' '}',
 * '%', a BOM, invalid UTF-8 and plain letters.
 */
const SPECIAL = [0x0a, 0x0d, 0x00, 0x5c, 0x22, 0x27, 0x23, 0x3b, 0x5b, 0x5d, 0x3d, 0x3a, 0x24, 0x7b, 0x7d, 0x25, 0x20, 0x09, 0x2f, 0x2d, 0x40, 0x2b, 0x21, 0x7c];
const byte = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.integer({ min: 0x61, max: 0x7a }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const pieces = fc.oneof(
  fc.array(byte, { maxLength: 40 }).map((b) => Buffer.from(b)),
  fc.constantFrom(
    Buffer.from('\xef\xbb\xbf', 'latin1'),
    Buffer.from('[Service]\n'),
    Buffer.from('ExecStart='),
    Buffer.from(' \\\n'),
    Buffer.from('\\\r\n'),
    Buffer.from('${prefix}'),
    Buffer.from('prefix=/usr\n'),
    Buffer.from('L /etc/x - - - - ../usr/lib/x\n'),
    Buffer.from('u foo - "Foo" /home /usr/sbin/nologin\n'),
    Buffer.from('\xc3\x28\xff\xfe', 'latin1'),
  ),
);
const input = fc.array(pieces, { maxLength: 12 }).map((parts) => Buffer.concat(parts));

const PARSERS: [string, (b: Buffer) => Buffer][] = [
  ['unit', (b) => printUnit(parseUnit(b))],
  ['tmpfiles', (b) => printTmpfiles(parseTmpfiles(b))],
  ['sysusers', (b) => printSysusers(parseSysusers(b))],
  ['pkgconfig', (b) => printPc(parsePc(b))],
];

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

/**
 * Size amplification, counted in bytes rather than timed: what the parsers
 * and evaluators keep grows at most linearly with the input. Inputs are
 * repeated up to a few MB, so a quadratic copy would show as a ratio.
 */
describe('what the models hold stays within a fixed multiple of the input', () => {
  const runs = Math.max(50, Math.round(RUNS / 100));
  const repeated = fc.tuple(input, fc.integer({ min: 1, max: 2000 })).map(([bytes, times]) => Buffer.concat(Array(times).fill(bytes)));
  test(`unit values and command words: at most the input's bytes (${runs} runs, up to a few MB)`, () => {
    fc.assert(
      fc.property(repeated, (bytes) => {
        let values = 0;
        let words = 0;
        for (const section of parseUnit(bytes).sections) {
          for (const a of section.assignments) {
            values += a.rawValue.length;
            for (const c of parseCommandLines(a.rawValue).commands) words += c.path.length + c.args.reduce((n, w) => n + w.value.length, 0);
          }
        }
        // Unescaping only shrinks; a value is a slice of its line.
        return values <= bytes.length && words <= bytes.length;
      }),
      { numRuns: runs },
    );
  });
  test(`.pc evaluation: every value at most pkgconf's 65,534 bytes, whatever the references multiply to (${runs} runs)`, () => {
    fc.assert(
      fc.property(repeated, (bytes) => {
        const evaluation = evaluatePc(parsePc(bytes), { pcfiledir: '/x' });
        return [...evaluation.variables.values()].every((v) => v.length <= PC_VALUE_LIMIT);
      }),
      { numRuns: runs },
    );
  });
});

describe('extreme inputs print back byte for byte (their cost bounds: docs/reliability.md)', () => {
  const cases: [string, Buffer][] = [
    ['a 1 MB line', Buffer.from(`[Service]\nExecStart=/bin/x ${'a'.repeat(1024 * 1024)}\n`)],
    ['10,000 continuation lines', Buffer.from(`[Service]\nExecStart=/bin/x \\\n${'  arg \\\n'.repeat(10000)}  end\n`)],
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
