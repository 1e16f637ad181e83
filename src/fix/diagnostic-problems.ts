import { locate } from '../text/line-index.js';
import type { Span } from '../text/span.js';
import type { PhysicalLine } from '../text/systemd-lines.js';
import type { Problem } from './plans/rewrite.js';

/** A parser's diagnostics as problems to report, with line and column. */
export function diagnosticProblems(lines: readonly PhysicalLine[], diagnostics: readonly { severity: string; message: string; span: Span }[]): Problem[] {
  return diagnostics.map((d) => ({
    ...locate(lines, d.span.start),
    message: `${d.severity === 'error' ? 'systemd would ignore this line: ' : ''}${d.message}`,
  }));
}
