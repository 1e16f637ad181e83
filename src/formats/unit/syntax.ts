import { complaintsAt, physicalLines, type FormatSyntax } from '../format.js';
import { inspectUnit } from './inspect.js';
import type { UnitFile } from './model.js';
import { parseUnit } from './parse.js';
import { printUnit } from './print.js';

export const unitSyntax: FormatSyntax<UnitFile> = {
  parse: parseUnit,
  print: printUnit,
  inspect: inspectUnit,
  complaints: complaintsAt,
  refusal: 'systemd would refuse this file',
  sourceLines: physicalLines,
};
