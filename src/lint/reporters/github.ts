import type { Finding } from '../types.js';
import { inChunks, joinChunks } from './chunks.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: one annotation per finding. */
export function formatGithub(findings: readonly Finding[], show: (path: string) => string): string {
  return joinChunks(githubChunks(findings, show));
}

/** The annotations a batch of findings at a time. */
export function githubChunks(findings: readonly Finding[], show: (path: string) => string): Generator<string> {
  return inChunks(findings, (f) => `::${COMMAND[f.severity]} file=${escapeProperty(show(f.path))},line=${f.line},col=${f.column},title=${escapeProperty(f.ruleId)}::${escapeData(f.message)}\n`);
}
