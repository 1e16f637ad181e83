import fs from 'node:fs';
import type { ChalkInstance } from 'chalk';
import type { Argv } from 'yargs';
import type { Finding } from '../lint/types.js';
import type { AnyRule } from '../lint/rule.js';
import { githubChunks } from '../lint/reporters/github.js';
import { formatJson, jsonChunks } from '../lint/reporters/json.js';
import { formatSarif } from '../lint/reporters/sarif.js';
import { projectHome } from '../lint/reporters/project-home.js';
import { stylishChunks } from '../lint/reporters/stylish.js';
import { countBySeverity } from '../lint/reporters/summary.js';
import { ruleDocs } from '../lint/docs.js';
import { displayPath } from './display-path.js';
import { styleFor } from './style.js';

export interface ReportArgs {
  format: string;
  outputFile?: string;
}

/** --format and --output-file, as lint and image-check take them. */
export function withReportOptions<T>(y: Argv<T>): Argv<T & ReportArgs> {
  return y
    .option('format', { alias: 'f', choices: ['stylish', 'json', 'sarif', 'github'], default: 'stylish', describe: 'report format' })
    .option('output-file', { alias: 'o', type: 'string', requiresArg: true, describe: 'write the report to a file instead of stdout' }) as unknown as Argv<T & ReportArgs>;
}

/** What a report is about: its findings, how many files, the rules that ran. */
export interface Findings {
  readonly findings: readonly Finding[];
  readonly files: number;
  readonly rules: readonly AnyRule[];
}

/** What a command adds to the shared report formats. */
export interface ReportExtras {
  /** SARIF: link the rules to their pages (at the project's home, package.json says where), paths relative to the store. */
  readonly sarifLinks?: { readonly storeDir?: string };
  /** Facts about the run: merged into the JSON report, the SARIF run's properties. */
  readonly about?: Record<string, unknown>;
  /** A first line for the stylish report. */
  readonly header?: (style: ChalkInstance) => string;
}

function sarifWith(report: Findings, extras: ReportExtras): string {
  const home = extras.sarifLinks ? projectHome() : undefined;
  const storeDir = extras.sarifLinks?.storeDir;
  const sarif = formatSarif(report.findings, report.rules, ruleDocs, { ...(home ? { home } : {}), ...(storeDir ? { storeDir } : {}) });
  if (!extras.about) return sarif;
  const log = JSON.parse(sarif);
  log.runs[0].properties = extras.about;
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The report in the format asked for, in chunks (see reporters/chunks.ts); colour only on a terminal, never into a file. */
export function* renderReport(args: ReportArgs, report: Findings, extras: ReportExtras = {}): Generator<string> {
  switch (args.format) {
    case 'json': {
      if (!extras.about) return yield* jsonChunks(report.findings, report.files);
      return yield `${JSON.stringify({ ...extras.about, ...JSON.parse(formatJson(report.findings, report.files)) })}\n`;
    }
    case 'sarif':
      return yield sarifWith(report, extras);
    case 'github':
      return yield* githubChunks(report.findings, displayPath);
    default: {
      const style = styleFor(args.outputFile ? ({ isTTY: false } as NodeJS.WriteStream) : process.stdout);
      if (extras.header) yield `${extras.header(style)}\n`;
      return yield* stylishChunks(report.findings, style, displayPath);
    }
  }
}

/** The report to --output-file, else stdout, a chunk at a time (stdout's writes are synchronous for files, pipes and terminals). */
export function writeReport(args: ReportArgs, chunks: Iterable<string>): void {
  if (!args.outputFile) {
    for (const chunk of chunks) process.stdout.write(chunk);
    return;
  }
  const fd = fs.openSync(args.outputFile, 'w');
  try {
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk);
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Files that could not be read, one line each. */
export function printReadErrors(errors: readonly { readonly path: string; readonly message: string }[]): void {
  for (const e of errors) process.stderr.write(`${displayPath(e.path)}: error: ${e.message}\n`);
}

/** 2 when the run failed, else 1 for an error finding or more warnings than allowed, else 0 (left as it is). */
export function setExitStatus(failed: boolean, findings: readonly Finding[], maxWarnings?: number): void {
  const { error, warning } = countBySeverity(findings);
  if (failed) process.exitCode = 2;
  else if (error > 0 || (maxWarnings !== undefined && warning > maxWarnings)) process.exitCode = 1;
}
