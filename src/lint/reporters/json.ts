import type { Finding } from '../types.js';
import { inChunks, joinChunks } from './chunks.js';
import { countBySeverity } from './summary.js';

/** Every finding as JSON, with a summary, for tools. */
export function formatJson(findings: readonly Finding[], filesScanned: number): string {
  return joinChunks(jsonChunks(findings, filesScanned));
}

/**
 * The JSON report a batch of findings at a time: the bytes of one
 * `JSON.stringify({ summary, findings })` on one line, as ESLint's json
 * formatter writes it (for tools; a closure's report is megabytes).
 */
export function* jsonChunks(findings: readonly Finding[], filesScanned: number): Generator<string> {
  yield `{"summary":${JSON.stringify({ ...countBySeverity(findings), filesScanned })},"findings":[`;
  // Source lines are for people, message ids and data for tests: the report keeps the fields it has always had.
  yield* inChunks(findings, ({ sourceLine: _, messageId: __, data: ___, ...bare }, i) => `${i === 0 ? '' : ','}${JSON.stringify(bare)}`);
  yield ']}\n';
}
