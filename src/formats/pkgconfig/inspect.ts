import path from 'node:path';
import { displayText } from '../../text/bytes.js';
import { evaluatePcIn } from './evaluate.js';
import type { PcFile } from './model.js';

/** The JSON model `unitfix inspect --json` prints for a .pc file: every variable fully expanded, pkgconf's way. */
export function inspectPc(file: PcFile, fileName: string) {
  const evaluation = evaluatePcIn(file, path.dirname(fileName));
  return {
    format: 'pkgconfig' as const,
    variables: Object.fromEntries([...evaluation.variables].map(([k, v]) => [k, displayText(v)])),
    fields: Object.fromEntries(Object.entries(evaluation.fields).map(([k, v]) => [k, displayText(v)])),
    diagnostics: evaluation.diagnostics.map((d) => ({ line: d.line ?? null, severity: d.severity, message: d.message })),
  };
}
