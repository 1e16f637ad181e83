import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import * as fixCommand from './commands/fix.js';
import * as inspectCommand from './commands/inspect.js';
import * as shadowCommand from './commands/pkgconfig-shadow.js';
import * as lintCommand from './commands/lint.js';
import * as rulesCommand from './commands/rules.js';
import * as explainCommand from './commands/explain.js';
import { UsageError } from './usage-error.js';
import { VERSION } from '../version.js';

/** The unitfix command line: parse arguments, call the library, set the exit status. */
export async function main(argv: readonly string[]): Promise<void> {
  const cli = yargs(hideBin([...argv]))
    .scriptName('unitfix')
    .usage('$0 <command> [options]\n\nPoints what Nix packages ship for systemd (units, tmpfiles.d, sysusers.d, pkg-config files) at their own store paths instead of /usr.')
    .command(fixCommand)
    .command(lintCommand)
    .command(inspectCommand)
    .command(shadowCommand)
    .command(rulesCommand)
    .command(explainCommand)
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
  try {
    await cli.parseAsync();
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
