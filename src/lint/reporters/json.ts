import type { Finding } from '../types.js';
import { countBySeverity } from './summary.js';

/** Every finding as JSON, with a summary, for tools. */
export function formatJson(findings: readonly Finding[], filesScanned: number): string {
  const summary = { ...countBySeverity(findings), filesScanned };
  return `${JSON.stringify({ summary, findings: findings.map(({ sourceLine: _, ...f }) => f) }, null, 2)}\n`;
}
