import fs from 'node:fs';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { Severity } from '../../lint/types.js';
import type { LintReport } from '../../lint/engine.js';
import { countBySeverity } from '../../lint/reporters/summary.js';
import { displayPath } from '../display-path.js';
import { styleFor } from '../style.js';
import { UsageError } from '../../usage-error.js';
import { RESOLVE_OPTIONS, list, searchPathOf, withResolveOptions, type ResolveArgs } from '../resolve-options.js';
import { didYouMean } from '../../text/nearest-word.js';
import { wholeNumber } from '../whole-number.js';

interface LintArgs extends ResolveArgs {
  paths: string[];
  closure?: string | string[];
  deep?: boolean;
  format: string;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  rule?: string | string[];
  ruleOption?: string | string[];
  fix?: boolean;
  config?: string | string[];
  storeDir?: string;
  jobs?: number;
}

export const command = 'lint [paths..]';
export const describe = 'Report what in store paths still reads from /usr (units, tmpfiles.d, sysusers.d, .pc files, folders)';

export function builder(y: Argv): Argv<LintArgs> {
  return withResolveOptions(y)
    .positional('paths', { type: 'string', array: true, describe: 'store paths or folders (a result symlink works)' })
    .option('closure', { type: 'string', requiresArg: true, describe: 'lint every store path nix-store --query --requisites lists for PATH; repeatable' })
    .option('deep', { type: 'boolean', describe: 'also read programs and scripts for embedded /usr and /etc paths' })
    .option('format', { alias: 'f', choices: ['stylish', 'json', 'sarif', 'github'], default: 'stylish', describe: 'report format' })
    .option('output-file', { alias: 'o', type: 'string', requiresArg: true, describe: 'write the report to a file instead of stdout' })
    .option('max-warnings', { type: 'string', requiresArg: true, coerce: wholeNumber('max-warnings', 'warnings'), describe: 'exit 1 when there are more warnings than this (a whole number)' })
    .option('quiet', { type: 'boolean', describe: 'report errors only, as ESLint does (the exit status still counts every finding, --max-warnings the warnings)' })
    .option('rule', { type: 'string', requiresArg: true, describe: 'ID=error|warning|info|off, over the config; repeatable' })
    .option('rule-option', { type: 'string', requiresArg: true, describe: 'RULE.OPTION=VALUE, over the config (e.g. unit-location.etc-units=allow on NixOS); repeatable' })
    .option('config', { type: 'string', requiresArg: true, describe: 'a .unitfixrc to use instead of looking one up; repeatable' })
    .option('fix', { type: 'boolean', describe: 'apply every fix (the same rewrites as `unitfix fix`, looking where the options above say), then report what is left' })
    .option('store-dir', { type: 'string', describe: 'the Nix store (default: $NIX_STORE or /nix/store)' })
    .option('jobs', { alias: 'j', type: 'string', requiresArg: true, coerce: wholeNumber('jobs', 'reader threads'), describe: 'threads that walk and read store paths while the main thread lints (default 1, used from 20 paths on; 0: one thread; see docs/performance.md)' })
    .group([...RESOLVE_OPTIONS], 'Where --fix looks (as in unitfix fix; default: the closure with --closure, else PATH):')
    .example('$0 lint ./result', 'lint a built package')
    .example('$0 lint --closure /run/current-system --format sarif -o unitfix.sarif', 'a whole system, for GitHub code scanning')
    .example('$0 lint --rule protect-system=off --max-warnings 0 ./result', 'strict, without the ProtectSystem= notes') as unknown as Argv<LintArgs>;
}

const NOTHING_IN_FOLDER = 'no file to lint: it has none of the folders unitfix reads (lib/systemd/system, lib/tmpfiles.d, lib/sysusers.d, lib/pkgconfig, …) and nothing else to report; name files outside them one by one';
const NOT_A_LINTED_FILE = 'not a file unitfix lints (by name: *.service and other units, *.pc, tmpfiles.d/*.conf, sysusers.d/*.conf; --deep: programs)';

async function closureOf(paths: readonly string[]): Promise<string[]> {
  const { execa } = await import('execa');
  const all = new Set<string>();
  for (const p of paths) {
    const result = await execa('nix-store', ['--query', '--requisites', p], { reject: false });
    if (result.exitCode !== 0) throw new UsageError(`--closure ${p}: nix-store --query --requisites failed: ${String(result.stderr).split('\n')[0]}`);
    for (const line of String(result.stdout).split('\n')) if (line) all.add(line);
  }
  return [...all];
}

async function render(args: LintArgs, report: LintReport): Promise<string> {
  switch (args.format) {
    case 'json':
      return (await import('../../lint/reporters/json.js')).formatJson(report.findings, report.filesScanned);
    case 'sarif': {
      const [{ formatSarif }, { ruleDocs }, { projectHome }] = await Promise.all([import('../../lint/reporters/sarif.js'), import('../../lint/docs.js'), import('../../lint/reporters/project-home.js')]);
      const home = projectHome();
      return formatSarif(report.findings, report.rules, ruleDocs, { ...(home ? { home } : {}), ...(args.storeDir ? { storeDir: args.storeDir } : {}) });
    }
    case 'github':
      return (await import('../../lint/reporters/github.js')).formatGithub(report.findings, displayPath);
    default:
      return (await import('../../lint/reporters/stylish.js')).formatStylish(report.findings, styleFor(args.outputFile ? ({ isTTY: false } as NodeJS.WriteStream) : process.stdout), displayPath);
  }
}

export async function handler(args: ArgumentsCamelCase<LintArgs>): Promise<void> {
  // Loaded side by side; the fix engine only for --fix.
  const [{ UNUSED_SUPPRESSION, lintPaths }, { ConfigError, findConfigFiles, loadConfig, ruleOptionError }, { RULES }] = await Promise.all([
    import('../../lint/engine.js'),
    import('../../lint/config.js'),
    import('../../../rules/index.js'),
  ]);
  const known = new Set([...RULES.map((r) => r.id), UNUSED_SUPPRESSION]);
  const closureRoots = list(args.closure);
  const closure = closureRoots.length > 0 ? await closureOf(closureRoots) : [];
  const paths = [...(args.paths ?? []), ...closure];
  if (paths.length === 0) throw new UsageError('name store paths to lint, or --closure PATH');
  let config;
  try {
    config = loadConfig(args.config ? list(args.config) : findConfigFiles(args.paths ?? []), known, RULES);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const severities: Record<string, Severity | 'off'> = { ...config.severities };
  for (const spec of list(args.rule)) {
    const [id, value] = spec.split('=');
    if (!id || !known.has(id)) throw new UsageError(`--rule ${spec}: no such rule${didYouMean(id ?? '', known)}; 'unitfix rules' lists them`);
    if (!value || !['error', 'warning', 'info', 'off'].includes(value)) throw new UsageError(`--rule ${spec}: use ID=error|warning|info|off`);
    severities[id] = value as Severity | 'off';
  }
  const ruleOptions: Record<string, Record<string, string>> = Object.fromEntries(Object.entries(config.ruleOptions).map(([id, o]) => [id, { ...o }]));
  for (const spec of list(args.ruleOption)) {
    const eq = spec.indexOf('=');
    const error = eq > 0 ? ruleOptionError(RULES, spec.slice(0, eq), spec.slice(eq + 1)) : 'write RULE.OPTION=VALUE';
    if (error) throw new UsageError(`--rule-option ${spec}: ${error}`);
    const key = spec.slice(0, eq);
    const dot = key.lastIndexOf('.');
    (ruleOptions[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = spec.slice(eq + 1);
  }
  const wrappers = Object.keys(config.wrappers).length > 0 ? { ...(await import('../../resolve/wrapper-table.js')).DEFAULT_WRAPPERS, ...config.wrappers } : undefined;
  const storeDir = args.storeDir;

  let fixFailed = false;
  const resolveOptions = RESOLVE_OPTIONS.filter((o) => args[o] !== undefined);
  if (!args.fix && resolveOptions.length > 0) throw new UsageError(`--${resolveOptions[0]} says where --fix looks: add --fix, or leave it out`);
  if (args.fix) {
    const { fixPaths } = await import('../../fix/fix.js');
    // As `unitfix fix` would; without --host, --build or --search-path: the closure's programs when linting a closure, else PATH.
    const searchPath = searchPathOf(args, () => (closure.length > 0 ? closure.flatMap((p) => [`${p}/bin`, `${p}/sbin`]) : searchPathOf({ build: true })));
    const outputs = list(args.output);
    for (const root of args.paths ?? []) {
      const fixed = await fixPaths({
        paths: [root],
        ...(outputs.length > 0 ? { outputs } : {}),
        searchPath,
        dependencies: [...closure, ...list(args.dependency)],
        fallback: list(args.fallback),
        ...(wrappers ? { wrappers } : {}),
        ...(storeDir ? { storeDir } : {}),
      });
      for (const f of fixed.files.filter((x) => x.status === 'error')) {
        process.stderr.write(`${displayPath(f.path)}: error: ${f.error}\n`);
        fixFailed = true;
      }
      for (const use of fixed.fallbackReferences) {
        process.stderr.write(`${displayPath(use.path)}:${use.line}: note: ${use.from} → ${use.to} from the fallback set: the package now refers to ${use.package} at run time\n`);
      }
    }
  }

  const progress = process.stderr.isTTY && args.format === 'stylish';
  let last = 0;
  const report = await lintPaths({
    paths,
    closure,
    deep: args.deep ?? false,
    severities,
    ruleOptions,
    ignores: config.ignores,
    ...(wrappers ? { wrappers } : {}),
    ...(storeDir ? { storeDir } : {}),
    ...(progress
      ? {
          onProgress: (scanned: number, found: number) => {
            if (Date.now() - last < 100) return;
            last = Date.now();
            process.stderr.write(`\rscanned ${scanned} files, ${found} findings`);
          },
        }
      : {}),
    readers: args.jobs ?? 1,
    // Only the stylish report shows source lines.
    sourceLines: args.format === 'stylish',
  });
  if (progress) process.stderr.write('\r\x1b[K');
  for (const e of report.errors) process.stderr.write(`${displayPath(e.path)}: error: ${e.message}\n`);
  // Said for the paths named on the command line; a closure's store paths mostly have nothing to lint.
  const named = new Set(args.paths ?? []);
  const nothing = report.nothingToLint.filter((p) => named.has(p));
  for (const p of nothing) process.stderr.write(`${displayPath(p)}: error: ${fs.statSync(p).isDirectory() ? NOTHING_IN_FOLDER : NOT_A_LINTED_FILE}\n`);
  const output = await render(args, args.quiet ? { ...report, findings: report.findings.filter((f) => f.severity === 'error') } : report);
  if (args.outputFile) fs.writeFileSync(args.outputFile, output);
  else process.stdout.write(output);
  const { error: errors, warning: warnings } = countBySeverity(report.findings);
  if (report.errors.length > 0 || nothing.length > 0 || fixFailed) process.exitCode = 2;
  else if (errors > 0 || (args.maxWarnings !== undefined && warnings > args.maxWarnings)) process.exitCode = 1;
}
