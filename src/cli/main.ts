import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import * as fixCommand from './commands/fix.js';
import * as inspectCommand from './commands/inspect.js';
import * as shadowCommand from './commands/pkgconfig-shadow.js';
import * as lintCommand from './commands/lint.js';
import * as rulesCommand from './commands/rules.js';
import * as explainCommand from './commands/explain.js';
import { UsageError } from '../usage-error.js';
import { didYouMean } from '../text/nearest-word.js';
import { VERSION } from '../version.js';

interface CommandModule {
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly handler: (args: any) => void | Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const COMMANDS: readonly CommandModule[] = [fixCommand, lintCommand, inspectCommand, shadowCommand, rulesCommand, explainCommand, await import('./commands/image-check.js')];

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
  const names = COMMANDS.map((c) => c.command.split(' ')[0]!);
  if (names.includes(name) || name === 'completion') return undefined;
  return `unknown command '${name}'${didYouMean(name, names)}`;
}

/** The unitfix command line: parse arguments, call the library, set the exit status. */
export async function main(argv: readonly string[]): Promise<void> {
  let cli = yargs(hideBin([...argv]))
    .scriptName('unitfix')
    .usage('$0 <command> [options]\n\nPoints what Nix packages ship for systemd (units, tmpfiles.d, sysusers.d, pkg-config files) at their own store paths instead of /usr.');
  // Registered without handlers: unitfix runs the command once yargs has parsed and checked the arguments.
  for (const c of COMMANDS) cli = cli.command(c.command, c.describe, c.builder);
  cli = cli
    .demandCommand(1, 'name a command: unitfix fix, lint, inspect, pkgconfig-shadow, rules, explain')
    .strict()
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
    const name = String(args._[0] ?? '');
    const chosen = COMMANDS.find((c) => c.command.split(' ')[0] === name);
    // --help, --version and completion were answered by yargs.
    if (chosen) await chosen.handler(args);
  } catch (error) {
    if (error instanceof UsageError && parsed) {
      // A command's own check: its message says what to do.
      process.stderr.write(`unitfix: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof UsageError || (error as Error).name === 'YError') {
      // yargs checks the count of paths before the names of options: `fix --hots DIR` takes DIR for
      // the value of --hots and complains of no paths. The unknown option is the mistake to name.
      const name = String(hideBin([...argv])[0] ?? '');
      const chosen = COMMANDS.find((c) => c.command.split(' ')[0] === name);
      let message = (chosen ? unknownOption(hideBin([...argv]).slice(1), chosen) : unknownCommand(name)) ?? (error as Error).message;
      if (chosen && message.startsWith('Not enough non-option arguments')) message = `missing ${chosen.command.split(' ').slice(1).join(' ')}: unitfix ${chosen.command}`;
      process.stderr.write(`unitfix: ${message}; see 'unitfix${chosen ? ` ${name}` : ''} --help'\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`unitfix: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  }
}
