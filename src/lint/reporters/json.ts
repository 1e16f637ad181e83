import type { Finding } from '../types.js';
import { countBySeverity } from './summary.js';

/** Every finding as JSON, with a summary, for tools. */
export function formatJson(findings: readonly Finding[], filesScanned: number): string {
  const summary = { ...countBySeverity(findings), filesScanned };
  // Source lines are for people, message ids and data for tests: the report keeps the fields it has always had.
  const bare = findings.map(({ sourceLine: _, messageId: __, data: ___, ...f }) => f);
  // One line, as ESLint's json formatter writes it: for tools, and a closure's report is megabytes.
  return `${JSON.stringify({ summary, findings: bare })}\n`;
}
