import { displayText } from '../../text/bytes.js';
import { locate } from '../../text/line-index.js';
import type { UdevRulesFile } from './model.js';
import { runsProgram } from './programs.js';
import { splitUdevCommand } from './command-words.js';
import { diagnosticLines } from '../column-file.js';

/** The JSON model `unitfix inspect --json` prints for a udev rules file: decoded values, argv of what runs. */
export function inspectUdevRules(file: UdevRulesFile) {
  return {
    format: 'udev-rules' as const,
    rules: file.rules.map((rule) => ({
      line: rule.firstLine,
      lastLine: rule.line,
      tokens: rule.tokens.map((token) => {
        const runs = runsProgram(token);
        return {
          line: locate(file.lines, token.keySpan.start).line,
          key: token.key,
          attr: token.attr,
          op: token.op,
          ...(token.prefix ? { prefix: token.prefix } : {}),
          value: displayText(token.value),
          ...(runs ? { argv: splitUdevCommand(token.value).map((w) => displayText(w.value)) } : {}),
        };
      }),
      ...(rule.error !== undefined ? { error: rule.error } : {}),
    })),
    diagnostics: diagnosticLines(file),
  };
}
