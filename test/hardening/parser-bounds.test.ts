import fc from 'fast-check';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { parsePc } from '../../src/formats/pkgconfig/parse.js';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { evaluatePc, PC_VALUE_LIMIT } from '../../src/formats/pkgconfig/evaluate.js';
import { input } from '../property/biased-bytes.js';
import { RUNS } from '../property/runs.js';
import { PARSERS } from '../property/round-trips.js';

// Megabyte inputs: here rather than beside the properties, so that `npm run mutation` (which leaves
// test/hardening out) does not run them once per parser mutant.

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

describe('extreme sizes print back byte for byte (their cost bounds: docs/reliability.md)', () => {
  test.each([
    ['a 1 MB line', Buffer.from(`[Service]\nExecStart=/bin/x ${'a'.repeat(1024 * 1024)}\n`)],
    ['10,000 continuation lines', Buffer.from(`[Service]\nExecStart=/bin/x \\\n${'  arg \\\n'.repeat(10000)}  end\n`)],
  ])('%s', (_name, bytes) => {
    for (const [, roundTrip] of PARSERS) expect(roundTrip(bytes).equals(bytes)).toBe(true);
  });
});

describe('tmpfiles columns of a megabyte are judged in one pass (a quadratic check would time out)', () => {
  const MB = 1024 * 1024;
  test.each([
    ['a run of mode prefixes', `d /x ${'~:'.repeat(MB / 2)}0755`, true],
    ['half a million time spans', `d /x - - - ${'1s'.repeat(MB / 2)}`, true],
    ['a megabyte of fraction digits', `d /x - - - 1.${'9'.repeat(MB)}s`, true],
    ['a megabyte of leading zeros', `d /x - - - ${'0'.repeat(MB)}1s`, true],
    ['a megabyte of digits', `d /x - - - ${'1'.repeat(MB)}s`, false],
    ['a megabyte of age-by letters', `d /x - - - ${'a'.repeat(MB)}:1h`, true],
    ['a megabyte of signs before a user id', `d /x - ${'+'.repeat(MB)}1 -`, true],
    ['a megabyte of octal digits', `d /x ${'7'.repeat(MB)}`, false],
  ])('%s', (_name, line, accepted) => {
    const parsed = parseTmpfiles(Buffer.from(`${line}\n`));
    expect(parsed.entries.length).toBe(accepted ? 1 : 0);
  });
});

describe('sysusers columns of nearly a megabyte are judged in one pass', () => {
  const N = 1000 * 1000;
  test.each([
    ['a GECOS of UTF-8', `u x - "${'\u00e9'.repeat(N / 2)}"`, true],
    ['a GECOS of colons', `u x - "${':'.repeat(N)}"`, false],
    ['a name', `u ${'a'.repeat(N)}`, false],
    ['a UID of digits', `u x ${'1'.repeat(N)}`, false],
    ['an ID of colons', `u x ${':'.repeat(N)}`, false],
    ['an ID path', `u x /${'a/'.repeat(N / 2)}`, false],
    ['a range of dashes', `r - ${'1-'.repeat(N / 2)}1`, false],
    ['a home of slashes', `u x - - ${'/'.repeat(N)}`, false],
    ['a home of dots', `u x - - /${'./'.repeat(N / 2)}`, false],
    ['a GECOS of escaped percents', `u x - "${'%%'.repeat(N / 2)}"`, true],
    ['a name of escaped percents', `u ${'%%'.repeat(N / 2)}`, false],
    ['a home of system specifiers', `u x - - /${'%H'.repeat(N / 2)}`, true],
  ])('%s', (_name, line, accepted) => {
    const parsed = parseSysusers(Buffer.from(`${line}\n`));
    expect(parsed.entries.length).toBe(accepted ? 1 : 0);
  });
});
