import type { Finding } from '../types.js';
import { countBySeverity } from './summary.js';

/** Every finding as JSON, with a summary, for tools. */
export function formatJson(findings: readonly Finding[], filesScanned: number): string {
  const summary = { ...countBySeverity(findings), filesScanned };
  // Source lines are for people; a lint that did not attach them leaves nothing to strip.
  const bare = findings.some((f) => f.sourceLine !== undefined) ? findings.map(({ sourceLine: _, ...f }) => f) : findings;
  // One line, as ESLint's json formatter writes it: for tools, and a closure's report is megabytes.
  return `${JSON.stringify({ summary, findings: bare })}\n`;
}
