import type { Argv } from 'yargs';

/** A command's module: how it reads its arguments, and what it does with them. */
export interface CommandModule {
  readonly builder: (y: Argv) => Argv<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly handler: (args: any) => void | Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** What help lists for a command, and its module, loaded only when that command runs. */
export interface CommandEntry {
  readonly command: string;
  readonly describe: string;
  readonly load: () => Promise<CommandModule>;
}

/**
 * Every command, in the order help lists them. A run loads the one module
 * it names and no other: each is a chunk of its own in the bundle, with
 * the library code it uses.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { command: 'fix <paths..>', load: () => import('./commands/fix.js'), describe: 'Point /usr, /bin and /sbin paths in units, tmpfiles.d, sysusers.d and pkg-config (.pc) files under PATHs at the outputs and dependencies' },
  { command: 'lint [paths..]', load: () => import('./commands/lint.js'), describe: 'Report what in store paths still reads from /usr (units, tmpfiles.d, sysusers.d, .pc files, folders)' },
  { command: 'inspect <files..>', load: () => import('./commands/inspect.js'), describe: 'Print the parsed model of files, for debugging a file or a rewrite' },
  { command: 'pkgconfig-shadow', load: () => import('./commands/pkgconfig-shadow.js'), describe: 'Copy the .pc files that name install directories, pointing those at the package being built' },
  { command: 'rules', load: () => import('./commands/rules.js'), describe: 'List the lint rules' },
  { command: 'explain <rule>', load: () => import('./commands/explain.js'), describe: "Print a lint rule's page: what it catches, why, and how to fix it" },
  { command: 'image-check [paths..]', load: () => import('./commands/image-check.js'), describe: "Build a throwaway image from store paths with systemd's own tools (sysusers, tmpfiles, preset-all) and report what they find, traced to store files" },
];

/** A command's name: the first word of its usage. */
export function nameOf(entry: CommandEntry): string {
  return entry.command.split(' ')[0]!;
}

/** The command a run names: its first word that is not an option. */
export function commandNamed(args: readonly string[]): CommandEntry | undefined {
  const name = args.find((a) => !a.startsWith('-'));
  return COMMANDS.find((c) => nameOf(c) === name);
}
