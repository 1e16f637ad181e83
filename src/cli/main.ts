import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import * as fixCommand from './commands/fix.js';
import * as inspectCommand from './commands/inspect.js';
import * as shadowCommand from './commands/pkgconfig-shadow.js';
import * as lintCommand from './commands/lint.js';
import * as rulesCommand from './commands/rules.js';
import * as explainCommand from './commands/explain.js';
import { UsageError } from './usage-error.js';
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

/** The unitfix command line: parse arguments, call the library, set the exit status. */
export async function main(argv: readonly string[]): Promise<void> {
  let cli = yargs(hideBin([...argv]))
    .scriptName('unitfix')
    .usage('$0 <command> [options]\n\nPoints what Nix packages ship for systemd (units, tmpfiles.d, sysusers.d, pkg-config files) at their own store paths instead of /usr.');
  // Registered without handlers: unitfix runs the command once yargs has parsed and checked the arguments.
  for (const c of COMMANDS) cli = cli.command(c.command, c.describe, c.builder);
  cli = cli
    .demandCommand(1, 'Name a command: unitfix fix, lint, inspect, pkgconfig-shadow, rules, explain.')
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
  try {
    const args = await cli.parseAsync();
    const name = String(args._[0] ?? '');
    const chosen = COMMANDS.find((c) => c.command.split(' ')[0] === name);
    // --help, --version and completion were answered by yargs.
    if (chosen) await chosen.handler(args);
  } catch (error) {
    if (error instanceof UsageError || (error as Error).name === 'YError') {
      process.stderr.write(`unitfix: ${(error as Error).message}\nRun 'unitfix --help' for usage.\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`unitfix: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  }
}
