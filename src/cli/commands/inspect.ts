import type { Argv, ArgumentsCamelCase } from 'yargs';
import { FORMAT_IDS } from '../../formats/registry.js';

export interface InspectArgs {
  files: string[];
  json?: boolean;
  format?: string;
}

export const command = 'inspect <files..>';
export const describe = 'Print the parsed model of files, for debugging a file or a rewrite';

export function builder(y: Argv): Argv<InspectArgs> {
  return y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .option('json', { type: 'boolean', describe: 'print JSON (one document per file, one per line)' })
    .option('format', { choices: FORMAT_IDS, describe: 'the syntax of the files (default: from their name and folder)' })
    .example('$0 inspect --json foo.service', 'sections, entries and parsed command lines as JSON') as unknown as Argv<InspectArgs>;
}

/** The work is in ../run/inspect.ts, loaded only when this command runs. */
export async function handler(args: ArgumentsCamelCase<InspectArgs>): Promise<void> {
  await (await import('../run/inspect.js')).handler(args);
}
