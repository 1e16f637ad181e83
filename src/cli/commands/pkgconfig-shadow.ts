import type { Argv, ArgumentsCamelCase } from 'yargs';

export interface ShadowArgs {
  prefix: string;
  prefixFor?: string | string[];
  out: string;
  path?: string;
  quiet?: boolean;
}

export const command = 'pkgconfig-shadow';
export const describe = "Copy the .pc files that name install directories, pointing those at the package being built";

export function builder(y: Argv): Argv<ShadowArgs> {
  return y
    .option('prefix', { type: 'string', demandOption: true, requiresArg: true, describe: 'where the package being built installs ($out)' })
    .option('prefix-for', { type: 'string', requiresArg: true, describe: 'OUTPUT=DIR for variables that belong in another output (e.g. dev=$dev); repeatable' })
    .option('out', { type: 'string', demandOption: true, requiresArg: true, describe: 'folder for the shadow .pc files (put it first on PKG_CONFIG_PATH)' })
    .option('path', { type: 'string', requiresArg: true, describe: 'colon-separated .pc search path (default: $PKG_CONFIG_PATH)' })
    .option('quiet', { type: 'boolean', alias: 'q', describe: 'do not list the remapped variables on stderr' })
    .example('eval "$($0 pkgconfig-shadow --prefix "$out" --out "$TMPDIR/pc")"', 'then PKG_CONFIG_PATH="$TMPDIR/pc:$PKG_CONFIG_PATH"') as unknown as Argv<ShadowArgs>;
}

/** The work is in ../run/pkgconfig-shadow.ts, loaded only when this command runs. */
export async function handler(args: ArgumentsCamelCase<ShadowArgs>): Promise<void> {
  await (await import('../run/pkgconfig-shadow.js')).handler(args);
}
