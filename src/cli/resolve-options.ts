import type { Argv } from 'yargs';

/** Where `unitfix fix` and `unitfix lint --fix` look for what a path is rewritten to. */
export interface ResolveArgs {
  host?: boolean;
  build?: boolean;
  output?: string[];
  searchPath?: string;
  dependency?: string[];
  fallback?: string[];
}

/** The option names, as typed, for checks and help groups. */
export const RESOLVE_OPTIONS = ['host', 'build', 'output', 'search-path', 'dependency', 'fallback'] as const;

/** One definition of these options for both commands, so that `lint --fix` rewrites what `fix` would. */
export function withResolveOptions<T>(y: Argv<T>): Argv<T & ResolveArgs> {
  return y
    .option('host', { type: 'boolean', describe: 'look programs up on HOST_PATH (what the setup hook uses)' })
    .option('build', { type: 'boolean', describe: 'look programs up on PATH (the default)' })
    .conflicts('host', 'build')
    .option('output', { type: 'string', array: true, requiresArg: true, describe: "the package's outputs to resolve against, first match wins (default: the PATHs); repeatable" })
    .option('search-path', { type: 'string', describe: 'colon-separated folders to look programs up in, instead of $HOST_PATH (--host) or $PATH (what the setup hook passes: stdenv does not export HOST_PATH)' })
    .option('dependency', { type: 'string', array: true, requiresArg: true, describe: "a dependency's store path: its bin/, sbin/ and libexec/ for programs, and its files (tmpfiles targets); repeatable" })
    .option('fallback', { type: 'string', array: true, requiresArg: true, describe: "a package searched last for programs and files (the setup hook's runtime tools); each use is reported; repeatable" }) as unknown as Argv<T & ResolveArgs>;
}

/** --search-path, else HOST_PATH with --host, else PATH, split. */
export function searchPathOf(args: ResolveArgs): string[] {
  const value = args.searchPath ?? process.env[args.host ? 'HOST_PATH' : 'PATH'] ?? '';
  return value.split(':').filter(Boolean);
}

/** Whether the command line says where to look programs up (else lint --fix looks in the closure, or on PATH). */
export function saysWhereToLook(args: ResolveArgs): boolean {
  return args.searchPath !== undefined || args.host === true || args.build === true;
}
