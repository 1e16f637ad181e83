import path from 'node:path';
import type { FormatSyntax } from '../format.js';
import { evaluatePcIn } from './evaluate.js';
import { inspectPc } from './inspect.js';
import type { PcFile } from './model.js';
import { parsePc, printPc } from './parse.js';

export const pkgconfigSyntax: FormatSyntax<PcFile> = {
  parse: parsePc,
  print: printPc,
  inspect: inspectPc,
  // pkgconf says what it rejects while it evaluates the file (as found in its folder: ${pcfiledir}).
  complaints: (file, name) =>
    evaluatePcIn(file, path.dirname(name)).diagnostics.map((d) => ({ line: d.line ?? 1, column: 1, severity: d.severity, message: d.message })),
  // pkg-config splits lines at \n, \r\n and a lone \r.
  sourceLines: (file) => file.text.split(/\r\n|\n|\r/),
};
