import { complaintsAt, physicalLines, type FormatSyntax } from '../format.js';
import { inspectSysusers } from './inspect.js';
import type { SysusersFile } from './model.js';
import { parseSysusers } from './parse.js';
import { printSysusers } from './print.js';

export const sysusersSyntax: FormatSyntax<SysusersFile> = {
  parse: (source) => parseSysusers(source),
  print: printSysusers,
  inspect: inspectSysusers,
  complaints: complaintsAt,
  refusal: 'systemd would ignore this line',
  sourceLines: physicalLines,
};
