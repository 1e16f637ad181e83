import type { Argv, ArgumentsCamelCase } from 'yargs';
import { ruleDocs } from '../../lint/docs.js';
import { UsageError } from '../usage-error.js';

export const command = 'explain <rule>';
export const describe = "Print a lint rule's page: what it catches, why, and how to fix it";

export function builder(y: Argv): Argv<{ rule: string }> {
  return y.positional('rule', { type: 'string', demandOption: true }).example('$0 explain unit-command-fhs', 'what the rule catches, why, bad and good examples, how to fix it in a derivation') as unknown as Argv<{ rule: string }>;
}

export function handler(args: ArgumentsCamelCase<{ rule: string }>): void {
  const page = ruleDocs(args.rule);
  if (!page) throw new UsageError(`no rule '${args.rule}' (see 'unitfix rules')`);
  process.stdout.write(page);
}
