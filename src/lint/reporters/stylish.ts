import type { ChalkInstance } from 'chalk';
import type { Finding } from '../types.js';
import { countBySeverity } from './summary.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The default report: `file:line:col  severity  message  rule-id`, the
 * source line with a caret under the column, and a summary line.
 */
export function formatStylish(findings: readonly Finding[], style: ChalkInstance, show: (path: string) => string): string {
  const out: string[] = [];
  const paint = { error: style.red, warning: style.yellow, info: style.blue };
  for (const f of findings) {
    out.push(`${style.bold(`${show(f.path)}:${f.line}:${f.column}`)}  ${paint[f.severity](f.severity)}  ${f.message}  ${style.dim(f.ruleId)}`);
    if (f.sourceLine !== undefined) {
      const line = f.sourceLine.replace(/\t/g, ' ');
      out.push(`    ${line}`);
      out.push(`    ${' '.repeat(Math.max(0, Math.min(f.column - 1, line.length)))}${style.green('^')}`);
    }
  }
  const c = countBySeverity(findings);
  if (findings.length === 0) return '';
  out.push('');
  const summary = `${plural(findings.length, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info)`;
  out.push((c.error > 0 ? style.red : style.yellow).bold(`✖ ${summary}`));
  if (c.fixable > 0) out.push(`  ${plural(c.fixable, 'problem')} fixable with \`unitfix lint --fix\` (or the setup hook)`);
  return `${out.join('\n')}\n`;
}
