import fs from 'node:fs';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { lintPaths, type LintReport } from '../../lint/engine.js';
import type { LintFixOptions } from '../../lint/fix-before-lint.js';
import { UsageError } from '../../usage-error.js';
import { displayPath } from '../display-path.js';
import { printFixProblems } from '../fix-output.js';
import { printReadErrors, renderReport, setExitStatus, withReportOptions, writeReport, type ReportArgs } from '../report-output.js';
import { RESOLVE_OPTIONS, saysWhereToLook, searchPathOf, withResolveOptions, type ResolveArgs } from '../resolve-options.js';
import { wholeNumber } from '../whole-number.js';
import { folderExamples, nameExamples } from '../../formats/registry.js';

interface LintArgs extends ResolveArgs, ReportArgs {
  paths?: string[];
  closure?: string[];
  deep?: boolean;
  maxWarnings?: number;
  quiet?: boolean;
  rule?: string[];
  ruleOption?: string[];
  fix?: boolean;
  config?: string[];
  storeDir?: string;
  jobs?: number;
}

export function builder(y: Argv): Argv<LintArgs> {
  const what = withResolveOptions(y)
    .positional('paths', { type: 'string', array: true, describe: 'store paths or folders (a result symlink works)' })
    .option('closure', { type: 'string', array: true, requiresArg: true, describe: 'lint every store path nix-store --query --requisites lists for PATH; repeatable' })
    .option('deep', { type: 'boolean', describe: 'also read programs and scripts for embedded /usr and /etc paths' });
  return withReportOptions(what)
    .option('max-warnings', { type: 'string', requiresArg: true, coerce: wholeNumber('max-warnings', 'warnings'), describe: 'exit 1 when there are more warnings than this (a whole number)' })
    .option('quiet', { type: 'boolean', describe: 'report errors only, as ESLint does (the exit status still counts every finding, --max-warnings the warnings)' })
    .option('rule', { type: 'string', array: true, requiresArg: true, describe: 'ID=error|warning|info|off, over the config; repeatable' })
    .option('rule-option', { type: 'string', array: true, requiresArg: true, describe: 'RULE.OPTION=VALUE, over the config (e.g. unit-location.etc-units=allow on NixOS); repeatable' })
    .option('config', { type: 'string', array: true, requiresArg: true, describe: 'a .unitfixrc to use instead of looking one up; repeatable' })
    .option('fix', { type: 'boolean', describe: 'apply every fix (the same rewrites as `unitfix fix`, looking where the options above say), then report what is left' })
    .option('store-dir', { type: 'string', describe: 'the Nix store (default: $NIX_STORE or /nix/store)' })
    .option('jobs', { alias: 'j', type: 'string', requiresArg: true, coerce: wholeNumber('jobs', 'reader threads'), describe: 'threads that walk and read store paths while the main thread lints (default 1, used from 20 paths on; 0: one thread; see docs/performance.md)' })
    .group([...RESOLVE_OPTIONS], 'Where --fix looks (as in unitfix fix; default: the closure with --closure, else PATH):')
    .example('$0 lint ./result', 'lint a built package')
    .example('$0 lint --closure /run/current-system --format sarif -o unitfix.sarif', 'a whole system, for GitHub code scanning')
    .example('$0 lint --rule protect-system=off --max-warnings 0 ./result', 'strict, without the ProtectSystem= notes') as unknown as Argv<LintArgs>;
}

const NOTHING_IN_FOLDER = `no file to lint: it has none of the folders unitfix reads (${folderExamples()}) and nothing else to report; name files outside them one by one`;
const NOT_A_LINTED_FILE = `not a file unitfix lints (by name: ${nameExamples()}; --deep: programs)`;

/** Where --fix looks, from the options lint shares with `unitfix fix`; false without --fix, where they are a mistake. */
function fixOptions(args: ArgumentsCamelCase<LintArgs>): LintFixOptions | false {
  const given = RESOLVE_OPTIONS.filter((o) => args[o] !== undefined);
  if (!args.fix && given.length > 0) throw new UsageError(`--${given[0]} says where --fix looks: add --fix, or leave it out`);
  if (!args.fix) return false;
  return { outputs: args.output ?? [], ...(saysWhereToLook(args) ? { searchPath: searchPathOf(args) } : {}), dependencies: args.dependency ?? [], fallback: args.fallback ?? [] };
}

/** On a terminal: how far the lint has got, redrawn at most every 100 ms, then cleared. */
function progressLine(): { update: (scanned: number, found: number) => void; clear: () => void } {
  let last = 0;
  return {
    update(scanned, found) {
      if (Date.now() - last < 100) return;
      last = Date.now();
      process.stderr.write(`\rscanned ${scanned} files, ${found} findings`);
    },
    clear: () => process.stderr.write('\r\x1b[K'),
  };
}

/** Says which paths named on the command line had nothing to lint (a closure's store paths mostly have nothing); how many. */
function printNothingToLint(report: LintReport, named: readonly string[]): number {
  const nothing = report.nothingToLint.filter((p) => named.includes(p));
  for (const p of nothing) process.stderr.write(`${displayPath(p)}: error: ${fs.statSync(p).isDirectory() ? NOTHING_IN_FOLDER : NOT_A_LINTED_FILE}\n`);
  return nothing.length;
}

export async function handler(args: ArgumentsCamelCase<LintArgs>): Promise<void> {
  const fix = fixOptions(args);
  const paths = args.paths ?? [];
  if (paths.length === 0 && (args.closure ?? []).length === 0) throw new UsageError('name store paths to lint, or --closure PATH');
  const progress = process.stderr.isTTY && args.format === 'stylish' ? progressLine() : undefined;
  const report = await lintPaths({
    paths,
    closureOf: args.closure ?? [],
    config: args.config ?? 'nearest',
    rule: args.rule ?? [],
    ruleOption: args.ruleOption ?? [],
    deep: args.deep ?? false,
    ...(fix ? { fix } : {}),
    ...(args.storeDir ? { storeDir: args.storeDir } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
    readers: args.jobs ?? 1,
    // Only the stylish report shows source lines.
    sourceLines: args.format === 'stylish',
  });
  progress?.clear();
  const fixFailed = printFixProblems(report.fixes);
  printReadErrors(report.errors);
  const nothing = printNothingToLint(report, paths);
  const findings = args.quiet ? report.findings.filter((f) => f.severity === 'error') : report.findings;
  writeReport(args, renderReport(args, { findings, files: report.filesScanned, rules: report.rules }, { sarifLinks: args.storeDir ? { storeDir: args.storeDir } : {} }));
  setExitStatus(report.errors.length > 0 || nothing > 0 || fixFailed, report.findings, args.maxWarnings);
}
