import { parseUnit } from '../../src/formats/unit/parse.js';
import { printUnit } from '../../src/formats/unit/print.js';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { printTmpfiles } from '../../src/formats/tmpfiles/print.js';
import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { printSysusers } from '../../src/formats/sysusers/print.js';
import { parsePc, printPc } from '../../src/formats/pkgconfig/parse.js';

/** Each line-based parser as parse-then-print: lossless parsing gives the input back. */
export const PARSERS: [string, (b: Buffer) => Buffer][] = [
  ['unit', (b) => printUnit(parseUnit(b))],
  ['tmpfiles', (b) => printTmpfiles(parseTmpfiles(b))],
  ['sysusers', (b) => printSysusers(parseSysusers(b))],
  ['pkgconfig', (b) => printPc(parsePc(b))],
];
