import fs from 'node:fs';
import path from 'node:path';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { FileOutcome } from '../../fix/fix.js';
import { DEFAULT_WRAPPERS } from '../../resolve/wrapper-table.js';
import { displayPath } from '../display-path.js';
import { styleFor } from '../style.js';
import { UsageError } from '../../usage-error.js';
import { list, searchPathOf, withResolveOptions, type ResolveArgs } from '../resolve-options.js';

interface FixArgs extends ResolveArgs {
  paths: string[];
  update?: boolean;
  dryRun?: boolean;
  check?: boolean;
  wrapper?: string | string[];
  wrappers?: string;
  storeDir?: string;
  verbose?: boolean;
  fsync?: boolean;
}

export const command = 'fix <paths..>';
export const describe = 'Point /usr, /bin and /sbin paths in units, tmpfiles.d, sysusers.d and pkg-config (.pc) files under PATHs at the outputs and dependencies';

export function builder(y: Argv): Argv<FixArgs> {
  return withResolveOptions(y.positional('paths', { type: 'string', array: true, demandOption: true, describe: 'store outputs (or single unit, tmpfiles.d, sysusers.d or .pc files) to fix in place' }))
    .option('update', { type: 'boolean', describe: 'also re-resolve executables that are already store paths' })
    .option('dry-run', { type: 'boolean', describe: 'print a unified diff of what would change; write nothing' })
    .option('check', { type: 'boolean', describe: 'write nothing; exit 1 when something would change' })
    .option('wrapper', { type: 'string', requiresArg: true, describe: 'NAME=PATH: call PATH for NAME (a setuid wrapper); NAME= leaves NAME untouched' })
    .option('wrappers', { type: 'string', describe: 'JSON file {"name": "/path" | null} merged over the built-in wrapper table' })
    .option('store-dir', { type: 'string', describe: 'the Nix store (default: $NIX_STORE or /nix/store)' })
    .option('verbose', { type: 'boolean', alias: 'v', describe: 'also say which links and folders were passed over' })
    .option('fsync', { type: 'boolean', describe: 'sync each rewritten file before its rename, and its folder after (default: yes, except inside a Nix build); --no-fsync to skip' })
    .example('$0 fix --host --output "$out" --output "$bin" "$out"', 'what the setup hook runs for an output')
    .example('$0 fix --dry-run ./result', 'show what would change in a built package') as unknown as Argv<FixArgs>;
}

function wrapperTable(args: FixArgs): Record<string, string | null> {
  const table: Record<string, string | null> = { ...DEFAULT_WRAPPERS };
  if (args.wrappers) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(args.wrappers, 'utf8'));
    } catch (error) {
      throw new UsageError(`${args.wrappers}: cannot read the wrapper table: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new UsageError(`${args.wrappers}: the wrapper table must be a JSON object of name to path or null`);
    }
    for (const [name, target] of Object.entries(parsed)) {
      if (target !== null && typeof target !== 'string') throw new UsageError(`${args.wrappers}: "${name}" must map to a path or null`);
      table[name] = target;
    }
  }
  for (const spec of list(args.wrapper)) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--wrapper ${spec}: expected NAME=PATH or NAME=`);
    const target = spec.slice(eq + 1);
    if (target !== '' && !path.isAbsolute(target)) throw new UsageError(`--wrapper ${spec}: PATH must be absolute`);
    table[spec.slice(0, eq)] = target === '' ? null : target;
  }
  return table;
}

function changeSummary(file: FileOutcome): string {
  const seen = new Set<string>();
  for (const r of file.replacements) seen.add(`${r.from} → ${r.to}`);
  return [...seen].join(', ');
}

export async function handler(args: ArgumentsCamelCase<FixArgs>): Promise<void> {
  // Loaded only now, so that other commands (and --help) do not pay for them.
  const { fixPaths } = await import('../../fix/fix.js');
  const { unifiedDiff } = await import('../unified-diff.js');
  const out = styleFor(process.stdout);
  const err = styleFor(process.stderr);
  const searchPath = searchPathOf(args);
  const writes = !args.dryRun && !args.check;
  const report = await fixPaths({
    paths: args.paths,
    outputs: list(args.output),
    dependencies: list(args.dependency),
    fallback: list(args.fallback),
    searchPath,
    update: args.update ?? false,
    wrappers: wrapperTable(args),
    dryRun: !writes,
    ...(args.fsync !== undefined ? { durable: args.fsync } : {}),
    ...(args.storeDir ? { storeDir: args.storeDir } : {}),
  });
  let failed = false;
  for (const entry of report.skipped) {
    const missing = args.paths.includes(entry.path);
    if (missing) {
      failed = true;
      process.stderr.write(`${displayPath(entry.path)}: ${err.red('error')}: ${entry.reason}\n`);
    } else if (args.verbose) {
      process.stderr.write(`${displayPath(entry.path)}: ${err.dim('note')}: ${entry.reason}\n`);
    }
  }
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
    if (args.dryRun && file.before && file.after) {
      process.stdout.write(unifiedDiff(shown, file.before, file.after, out));
    } else {
      const verb = writes ? '' : 'would change: ';
      process.stdout.write(`${shown}: ${verb}${changeSummary(file)}\n`);
    }
  }
  for (const use of report.fallbackReferences) {
    process.stderr.write(`${displayPath(use.path)}:${use.line}: ${err.dim('note')}: ${use.from} → ${use.to} from the fallback set: the package now refers to ${use.package} at run time\n`);
  }
  if (failed) process.exitCode = 2;
  else if (args.check && changed > 0) process.exitCode = 1;
}
