import type { Argv, ArgumentsCamelCase } from 'yargs';

export const command = 'rules';
export const describe = 'List the lint rules';

export function builder(y: Argv): Argv<{ json?: boolean }> {
  return y
    .option('json', { type: 'boolean', describe: 'as JSON' })
    .example('$0 rules', 'id, description, default severity, and whether --fix can fix it')
    .example('$0 rules --json', 'the same for tools');
}

/** The work is in ../run/rules.ts, loaded only when this command runs. */
export async function handler(args: ArgumentsCamelCase<{ json?: boolean }>): Promise<void> {
  await (await import('../run/rules.js')).handler(args);
}
