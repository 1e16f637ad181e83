import type { ChalkInstance } from 'chalk';
import type { FallbackReference, FileOutcome, FixReport } from '../fix/fix.js';
import { displayPath } from './display-path.js';
import { styleFor } from './style.js';
import { unifiedDiff } from './unified-diff.js';

/** The line that says a path was resolved through the fallback set (`note` as the stream styles it). */
export function fallbackNote(use: FallbackReference, note: string): string {
  return `${displayPath(use.path)}:${use.line}: ${note}: ${use.from} → ${use.to} from the fallback set: the package now refers to ${use.package} at run time\n`;
}

function changeSummary(file: FileOutcome): string {
  const seen = new Set<string>();
  for (const r of file.replacements) seen.add(`${r.from} → ${r.to}`);
  return [...seen].join(', ');
}

/** How `unitfix fix` was asked to show its work. */
export interface FixDisplay {
  /** The paths as named: one of them missing is an error, anything else passed over only a note. */
  readonly paths: readonly string[];
  readonly verbose?: boolean;
  /** Show a unified diff of each change instead of a summary. */
  readonly diff?: boolean;
  /** The files were written (else: would change). */
  readonly written: boolean;
}

function printSkipped(report: FixReport, display: FixDisplay, err: ChalkInstance): boolean {
  let failed = false;
  for (const entry of report.skipped) {
    if (display.paths.includes(entry.path)) {
      failed = true;
      process.stderr.write(`${displayPath(entry.path)}: ${err.red('error')}: ${entry.reason}\n`);
    } else if (display.verbose) {
      process.stderr.write(`${displayPath(entry.path)}: ${err.dim('note')}: ${entry.reason}\n`);
    }
  }
  return failed;
}

/**
 * What `unitfix fix` says of its report: errors, warnings and notes on
 * stderr; each changed file (or its diff) on stdout. Returns whether
 * something failed and how many files changed.
 */
export function printFixReport(report: FixReport, display: FixDisplay): { failed: boolean; changed: number } {
  const out = styleFor(process.stdout);
  const err = styleFor(process.stderr);
  let failed = printSkipped(report, display, err);
  let changed = 0;
  for (const file of report.files) {
    const shown = displayPath(file.path);
    for (const problem of file.problems) {
      process.stderr.write(`${shown}:${problem.line}:${problem.column}: ${err.yellow('warning')}: ${problem.key ? `${problem.key}: ` : ''}${problem.message}\n`);
    }
    if (file.status === 'error') {
      failed = true;
      process.stderr.write(`${shown}: ${err.red('error')}: ${file.error}\n`);
      continue;
    }
    if (file.status !== 'changed') continue;
    changed++;
    if (display.diff && file.before && file.after) process.stdout.write(unifiedDiff(shown, file.before, file.after, out));
    else process.stdout.write(`${shown}: ${display.written ? '' : 'would change: '}${changeSummary(file)}\n`);
  }
  for (const use of report.fallbackReferences) process.stderr.write(fallbackNote(use, err.dim('note')));
  return { failed, changed };
}

/** What `lint --fix` says of its fixes before the lint report: only what went wrong, and the fallback set's uses. */
export function printFixProblems(reports: readonly FixReport[]): boolean {
  let failed = false;
  for (const report of reports) {
    for (const f of report.files.filter((x) => x.status === 'error')) {
      process.stderr.write(`${displayPath(f.path)}: error: ${f.error}\n`);
      failed = true;
    }
    for (const use of report.fallbackReferences) process.stderr.write(fallbackNote(use, 'note'));
  }
  return failed;
}
