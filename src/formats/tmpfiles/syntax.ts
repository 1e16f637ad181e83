import { complaintsAt, physicalLines, type FormatSyntax } from '../format.js';
import { inspectTmpfiles } from './inspect.js';
import type { TmpfilesFile } from './model.js';
import { parseTmpfiles } from './parse.js';
import { printTmpfiles } from './print.js';

export const tmpfilesSyntax: FormatSyntax<TmpfilesFile> = {
  parse: (source) => parseTmpfiles(source),
  print: printTmpfiles,
  inspect: inspectTmpfiles,
  complaints: complaintsAt,
  refusal: 'systemd would ignore this line',
  sourceLines: physicalLines,
};
