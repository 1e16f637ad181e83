import type { ArgumentsCamelCase } from 'yargs';
import type { ShadowArgs } from '../commands/pkgconfig-shadow.js';
import { buildPkgConfigShadow } from '../../shadow/pkgconfig-shadow.js';
import { INSTALL_DIR_VARIABLES } from '../../formats/pkgconfig/install-dirs.js';
import { ConfigError, findConfigFiles, loadConfig } from '../../lint/config.js';
import { displayPath } from '../display-path.js';
import { UsageError } from '../../usage-error.js';

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export async function handler(args: ArgumentsCamelCase<ShadowArgs>): Promise<void> {
  const prefixes: Record<string, string> = { out: args.prefix };
  for (const spec of args.prefixFor === undefined ? [] : Array.isArray(args.prefixFor) ? args.prefixFor : [args.prefixFor]) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--prefix-for ${spec}: expected OUTPUT=DIR`);
    prefixes[spec.slice(0, eq)] = spec.slice(eq + 1);
  }
  const searchPath = (args.path ?? process.env['PKG_CONFIG_PATH'] ?? '').split(':').filter(Boolean);
  // Extra install-directory variables from .unitfixrc [install-dirs] pkg.variable = output.
  let extra;
  try {
    extra = loadConfig(findConfigFiles([]), undefined).installDirs.map((d) => ({ ...d, what: 'from .unitfixrc' }));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const report = await buildPkgConfigShadow({ searchPath, prefixes, outDir: args.out, table: [...INSTALL_DIR_VARIABLES, ...extra] });
  for (const problem of report.problems) process.stderr.write(`${displayPath(problem.file)}: warning: ${problem.message}\n`);
  for (const pkg of report.packages) {
    for (const v of pkg.variables) {
      if (!args.quiet) process.stderr.write(`unitfix: ${pkg.name}.pc: ${v.variable} ${v.from} → ${v.to}\n`);
      // For pkg-config implementations that read overrides from the environment (freedesktop, pkgconf ≥ 3).
      process.stdout.write(`export ${v.env}=${shellQuote(v.to)}\n`);
    }
  }
}
