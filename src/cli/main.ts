import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { COMMANDS, commandNamed, nameOf, type CommandModule } from './command-table.js';
import { UsageError } from '../usage-error.js';
import { didYouMean } from '../text/nearest-word.js';
import { VERSION } from '../version.js';

/**
 * Before it runs a command, yargs renders the whole help text and keeps it,
 * for a help screen the handler might ask for later (a fifth of unitfix's
 * start-up, paid on every run of the setup hook). unitfix never asks for it:
 * its errors are one line. Reaches into yargs' internals, so it only does
 * so when they are there; help itself (--help) renders as before.
 */
function skipHelpCache(cli: Argv): void {
  const internals = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/** The options a command takes, as typed (kebab-case and camelCase, aliases, --no- forms of flags). */
function optionsOf(command: CommandModule): Set<string> {
  const options = (command.builder(yargs([])) as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]>; boolean: string[] } }).getOptions();
  const names = new Set(['help', 'h', 'version']);
  for (const key of Object.keys(options.key)) {
    for (const name of [key, ...(options.alias[key] ?? [])]) {
      names.add(name);
      names.add(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
    }
  }
  for (const flag of options.boolean) names.add(`no-${flag}`);
  return names;
}

/** The first option on the command line that the command does not take, as a message with a suggestion. */
function unknownOption(args: readonly string[], command: CommandModule): string | undefined {
  let known: Set<string> | undefined;
  for (const arg of args) {
    if (arg === '--') break;
    const match = /^(--?)([^=]+)/.exec(arg);
    if (!match || /^-\d/.test(arg)) continue;
    const [, dashes, name] = match as unknown as [string, string, string];
    // -abc is three short options.
    const names = dashes === '-' ? [...name] : [name];
    known ??= optionsOf(command);
    for (const n of names) {
      if (known.has(n)) continue;
      const spelled = `${n.length === 1 ? '-' : '--'}${n}`;
      const longNames = [...known].filter((k) => k.length > 1 && !k.startsWith('no-') && !/[A-Z]/.test(k));
      return `unknown option ${spelled}${didYouMean(n, longNames, (k) => `--${k}`)}`;
    }
  }
  return undefined;
}

function unknownCommand(name: string): string | undefined {
  if (name === '' || name.startsWith('-')) return undefined;
  const names = COMMANDS.map(nameOf);
  if (names.includes(name) || name === 'completion') return undefined;
  return `unknown command '${name}'${didYouMean(name, names)}`;
}

/** The unitfix command line: parse arguments, call the library, set the exit status. */
export async function main(argv: readonly string[]): Promise<void> {
  const words = hideBin([...argv]);
  const entry = commandNamed(words);
  const chosen = await entry?.load();
  let cli = yargs(words)
    .scriptName('unitfix')
    .usage('$0 <command> [options]\n\nPoints what Nix packages ship for systemd (units, tmpfiles.d, sysusers.d, pkg-config files) at their own store paths instead of /usr.');
  // Registered without handlers: unitfix runs the command once yargs has parsed and checked the arguments.
  // Only the chosen command's options are known; help lists the others by name.
  for (const c of COMMANDS) cli = c === entry ? cli.command(c.command, c.describe, chosen!.builder) : cli.command(c.command, c.describe);
  cli = cli
    .demandCommand(1, 'name a command: unitfix fix, lint, inspect, pkgconfig-shadow, rules, explain')
    .strict()
    // A repeatable option takes one value each time: `--output A B` leaves B for the paths.
    .parserConfiguration({ 'greedy-arrays': false })
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .completion('completion', 'print a bash/zsh completion script')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  skipHelpCache(cli);
  let parsed = false;
  try {
    const args = await cli.parseAsync();
    parsed = true;
    // --help, --version and completion were answered by yargs.
    if (entry && String(args._[0] ?? '') === nameOf(entry)) await chosen!.handler(args);
  } catch (error) {
    if (error instanceof UsageError && parsed) {
      // A command's own check, or the library's: its message says what to do.
      process.stderr.write(`unitfix: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof UsageError || (error as Error).name === 'YError') {
      // yargs checks the count of paths before the names of options: `fix --hots DIR` takes DIR for
      // the value of --hots and complains of no paths. The unknown option is the mistake to name.
      const name = String(words[0] ?? '');
      const named = entry && nameOf(entry) === name ? entry : undefined;
      let message = (named ? unknownOption(words.slice(1), chosen!) : unknownCommand(name)) ?? (error as Error).message;
      if (named && message.startsWith('Not enough non-option arguments')) message = `missing ${named.command.split(' ').slice(1).join(' ')}: unitfix ${named.command}`;
      process.stderr.write(`unitfix: ${message}; see 'unitfix${named ? ` ${name}` : ''} --help'\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`unitfix: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  }
}
