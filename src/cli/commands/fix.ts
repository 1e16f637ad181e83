import type { Argv, ArgumentsCamelCase } from 'yargs';
import { fixPaths } from '../../fix/fix.js';
import { printFixReport } from '../fix-output.js';
import { searchPathOf, withResolveOptions, type ResolveArgs } from '../resolve-options.js';

interface FixArgs extends ResolveArgs {
  paths: string[];
  update?: boolean;
  dryRun?: boolean;
  check?: boolean;
  wrapper?: string[];
  wrappers?: string;
  storeDir?: string;
  verbose?: boolean;
  fsync?: boolean;
}

export function builder(y: Argv): Argv<FixArgs> {
  return withResolveOptions(y.positional('paths', { type: 'string', array: true, demandOption: true, describe: 'store outputs (or single unit, tmpfiles.d, sysusers.d or .pc files) to fix in place' }))
    .option('update', { type: 'boolean', describe: 'also re-resolve executables that are already store paths' })
    .option('dry-run', { type: 'boolean', describe: 'print a unified diff of what would change; write nothing' })
    .option('check', { type: 'boolean', describe: 'write nothing; exit 1 when something would change' })
    .option('wrapper', { type: 'string', array: true, requiresArg: true, describe: 'NAME=PATH: call PATH for NAME (a setuid wrapper); NAME= leaves NAME untouched' })
    .option('wrappers', { type: 'string', describe: 'JSON file {"name": "/path" | null} merged over the built-in wrapper table' })
    .option('store-dir', { type: 'string', describe: 'the Nix store (default: $NIX_STORE or /nix/store)' })
    .option('verbose', { type: 'boolean', alias: 'v', describe: 'also say which links and folders were passed over' })
    .option('fsync', { type: 'boolean', describe: 'sync each rewritten file before its rename, and its folder after (default: yes, except inside a Nix build); --no-fsync to skip' })
    .example('$0 fix --host --output "$out" --output "$bin" "$out"', 'what the setup hook runs for an output')
    .example('$0 fix --dry-run ./result', 'show what would change in a built package') as unknown as Argv<FixArgs>;
}

export async function handler(args: ArgumentsCamelCase<FixArgs>): Promise<void> {
  const written = !args.dryRun && !args.check;
  const report = await fixPaths({
    paths: args.paths,
    outputs: args.output ?? [],
    dependencies: args.dependency ?? [],
    fallback: args.fallback ?? [],
    searchPath: searchPathOf(args),
    update: args.update ?? false,
    ...(args.wrappers ? { wrapperFile: args.wrappers } : {}),
    wrapper: args.wrapper ?? [],
    dryRun: !written,
    ...(args.fsync !== undefined ? { durable: args.fsync } : {}),
    ...(args.storeDir ? { storeDir: args.storeDir } : {}),
  });
  const { failed, changed } = printFixReport(report, { paths: args.paths, verbose: args.verbose ?? false, diff: args.dryRun ?? false, written });
  if (failed) process.exitCode = 2;
  else if (args.check && changed > 0) process.exitCode = 1;
}
