import type { ChalkInstance } from 'chalk';
import type { Finding } from '../types.js';
import { inChunks, joinChunks } from './chunks.js';
import { countBySeverity } from './summary.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The default report: `file:line:col  severity  message  rule-id`, the
 * source line with a caret under the column, and a summary line.
 */
export function formatStylish(findings: readonly Finding[], style: ChalkInstance, show: (path: string) => string): string {
  return joinChunks(stylishChunks(findings, style, show));
}

/** The stylish report a batch of findings at a time, each chunk whole lines. */
export function* stylishChunks(findings: readonly Finding[], style: ChalkInstance, show: (path: string) => string): Generator<string> {
  if (findings.length === 0) return;
  const paint = { error: style.red, warning: style.yellow, info: style.blue };
  yield* inChunks(findings, (f) => {
    const head = `${style.bold(`${show(f.path)}:${f.line}:${f.column}`)}  ${paint[f.severity](f.severity)}  ${f.message}  ${style.dim(f.ruleId)}\n`;
    if (f.sourceLine === undefined) return head;
    const line = f.sourceLine.replace(/\t/g, ' ');
    return `${head}    ${line}\n    ${' '.repeat(Math.max(0, Math.min(f.column - 1, line.length)))}${style.green('^')}\n`;
  });
  const c = countBySeverity(findings);
  const summary = `${plural(findings.length, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info)`;
  const fixable = c.fixable > 0 ? `  ${plural(c.fixable, 'problem')} fixable with \`unitfix lint --fix\` (or the setup hook)\n` : '';
  yield `\n${(c.error > 0 ? style.red : style.yellow).bold(`✖ ${summary}`)}\n${fixable}`;
}
