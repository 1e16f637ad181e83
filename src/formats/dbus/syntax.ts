import { complaintsAt, physicalLines, type FormatSyntax } from '../format.js';
import { inspectDbusService } from './inspect.js';
import type { DbusServiceFile } from './model.js';
import { parseDbusService } from './parse.js';
import { printDbusService } from './print.js';

export const dbusServiceSyntax: FormatSyntax<DbusServiceFile> = {
  parse: parseDbusService,
  print: printDbusService,
  inspect: inspectDbusService,
  // Its messages already say what dbus-daemon does.
  complaints: complaintsAt,
  sourceLines: physicalLines,
};
