import type { Finding } from '../types.js';

export function countBySeverity(findings: readonly Finding[]): { error: number; warning: number; info: number; fixable: number } {
  const counts = { error: 0, warning: 0, info: 0, fixable: 0 };
  for (const f of findings) {
    counts[f.severity]++;
    if (f.fixable) counts.fixable++;
  }
  return counts;
}
