import { complaintsAt, physicalLines, type FormatSyntax } from '../format.js';
import { inspectUdevRules } from './inspect.js';
import type { UdevRulesFile } from './model.js';
import { parseUdevRules } from './parse.js';
import { printUdevRules } from './print.js';

export const udevRulesSyntax: FormatSyntax<UdevRulesFile> = {
  parse: (source) => parseUdevRules(source),
  print: printUdevRules,
  inspect: inspectUdevRules,
  complaints: complaintsAt,
  refusal: 'systemd would ignore this line',
  sourceLines: physicalLines,
};
