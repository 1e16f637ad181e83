import fs from 'node:fs';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { imageCheck, type ImageCheckReport } from '../../image-check/image-check.js';
import { LAYOUTS } from '../../image-check/layout.js';
import { UsageError } from '../../usage-error.js';
import { printReadErrors, renderReport, setExitStatus, withReportOptions, writeReport, type ReportArgs } from '../report-output.js';

interface ImageCheckArgs extends ReportArgs {
  paths?: string[];
  closure?: string[];
  base?: string[];
  storePaths?: string;
  baseStorePaths?: string;
  layout: string;
  verify?: boolean;
  rule?: string[];
  keepRoot?: string;
  storeDir?: string;
}

export function builder(y: Argv): Argv<ImageCheckArgs> {
  const what = y
    .positional('paths', { type: 'string', array: true, describe: 'store paths of the image (a result symlink works)' })
    .option('closure', { type: 'string', array: true, requiresArg: true, describe: 'check every store path nix-store --query --requisites lists for PATH; repeatable' })
    .option('base', { type: 'string', array: true, requiresArg: true, describe: 'a store path of a known-good system, checked alone first: what it shows is left out of the report; repeatable' })
    .option('store-paths', { type: 'string', requiresArg: true, describe: "a file listing store paths, one a line (closureInfo's store-paths)" })
    .option('base-store-paths', { type: 'string', requiresArg: true, describe: 'a file listing the store paths of the baseline, one a line' })
    .option('layout', { choices: ['hermetic-usr', 'etc'], default: 'hermetic-usr', describe: 'where the image reads units, tmpfiles.d, sysusers.d and presets' })
    .option('verify', { type: 'boolean', describe: 'also run systemd-analyze verify on every system unit (slow)' });
  return withReportOptions(what)
    .option('rule', { type: 'string', array: true, requiresArg: true, describe: 'ID=error|warning|info|off for an image-* rule; repeatable' })
    .option('keep-root', { type: 'string', requiresArg: true, describe: 'build the image in this empty folder and keep it' })
    .option('store-dir', { type: 'string', describe: 'the Nix store (default: $NIX_STORE or /nix/store)' })
    .example('$0 image-check --closure ./result', 'the closure of an image, with the hermetic-/usr layout')
    .example('$0 image-check --closure ./result --base /run/current-system -f sarif -o image.sarif', 'only what a known-good system does not show') as unknown as Argv<ImageCheckArgs>;
}

/** The store paths a file lists, one a line (closureInfo's store-paths). */
function linesOf(file: string | undefined, option: string): string[] {
  if (file === undefined) return [];
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  } catch (error) {
    throw new UsageError(`--${option} ${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The stylish report's first line: which systemd, which layout, how long each step took. */
function header(report: ImageCheckReport): string {
  const steps = report.steps.map((s) => `${s.step} ${Math.round(s.milliseconds)} ms${s.status ? ` (exit ${s.status})` : ''}`).join(', ');
  return `image-check: ${report.systemd}; layout ${report.layout}; ${steps}${report.inBaseline ? `; ${report.inBaseline} findings also in the baseline, left out` : ''}`;
}

export async function handler(args: ArgumentsCamelCase<ImageCheckArgs>): Promise<void> {
  const paths = [...(args.paths ?? []), ...linesOf(args.storePaths, 'store-paths')];
  const base = [...(args.base ?? []), ...linesOf(args.baseStorePaths, 'base-store-paths')];
  if (paths.length === 0 && (args.closure ?? []).length === 0) throw new UsageError('name the store paths of the image, or --closure PATH');
  const report = await imageCheck({
    paths,
    closureOf: args.closure ?? [],
    base,
    layout: LAYOUTS[args.layout]!,
    verify: args.verify ?? false,
    rule: args.rule ?? [],
    ...(args.keepRoot ? { keepRoot: args.keepRoot } : {}),
    ...(args.storeDir ? { storeDir: args.storeDir } : {}),
  });
  printReadErrors(report.errors);
  const about = { systemd: report.systemd, layout: report.layout, steps: report.steps, inBaseline: report.inBaseline };
  writeReport(args, renderReport(args, { findings: report.findings, files: report.filesCopied, rules: report.rules }, { about, header: (style) => style.dim(header(report)) }));
  setExitStatus(report.errors.length > 0, report.findings);
}
