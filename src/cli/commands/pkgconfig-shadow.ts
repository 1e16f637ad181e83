import type { Argv, ArgumentsCamelCase } from 'yargs';
import { buildPkgConfigShadow } from '../../shadow/pkgconfig-shadow.js';
import { UsageError } from '../../usage-error.js';
import { displayPath } from '../display-path.js';

interface ShadowArgs {
  prefix: string;
  prefixFor?: string[];
  out: string;
  path?: string;
  quiet?: boolean;
}

export function builder(y: Argv): Argv<ShadowArgs> {
  return y
    .option('prefix', { type: 'string', demandOption: true, requiresArg: true, describe: 'where the package being built installs ($out)' })
    .option('prefix-for', { type: 'string', array: true, requiresArg: true, describe: 'OUTPUT=DIR for variables that belong in another output (e.g. dev=$dev); repeatable' })
    .option('out', { type: 'string', demandOption: true, requiresArg: true, describe: 'folder for the shadow .pc files (put it first on PKG_CONFIG_PATH)' })
    .option('path', { type: 'string', requiresArg: true, describe: 'colon-separated .pc search path (default: $PKG_CONFIG_PATH)' })
    .option('quiet', { type: 'boolean', alias: 'q', describe: 'do not list the remapped variables on stderr' })
    .example('eval "$($0 pkgconfig-shadow --prefix "$out" --out "$TMPDIR/pc")"', 'then PKG_CONFIG_PATH="$TMPDIR/pc:$PKG_CONFIG_PATH"') as unknown as Argv<ShadowArgs>;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** $out, then each --prefix-for OUTPUT=DIR. */
function prefixesOf(args: ShadowArgs): Record<string, string> {
  const prefixes: Record<string, string> = { out: args.prefix };
  for (const spec of args.prefixFor ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--prefix-for ${spec}: expected OUTPUT=DIR`);
    prefixes[spec.slice(0, eq)] = spec.slice(eq + 1);
  }
  return prefixes;
}

export async function handler(args: ArgumentsCamelCase<ShadowArgs>): Promise<void> {
  const report = await buildPkgConfigShadow({
    searchPath: (args.path ?? process.env['PKG_CONFIG_PATH'] ?? '').split(':').filter(Boolean),
    prefixes: prefixesOf(args),
    outDir: args.out,
    // Extra install-directory variables from the working folder's .unitfixrc [install-dirs].
    config: 'nearest',
  });
  for (const problem of report.problems) process.stderr.write(`${displayPath(problem.file)}: warning: ${problem.message}\n`);
  for (const pkg of report.packages) {
    for (const v of pkg.variables) {
      if (!args.quiet) process.stderr.write(`unitfix: ${pkg.name}.pc: ${v.variable} ${v.from} → ${v.to}\n`);
      // For pkg-config implementations that read overrides from the environment (freedesktop, pkgconf ≥ 3).
      process.stdout.write(`export ${v.env}=${shellQuote(v.to)}\n`);
    }
  }
}
