import type { Argv, ArgumentsCamelCase } from 'yargs';
import { ruleDocs } from '../../lint/docs.js';
import { UsageError } from '../../usage-error.js';
import { didYouMean } from '../../text/nearest-word.js';

export const command = 'explain <rule>';
export const describe = "Print a lint rule's page: what it catches, why, and how to fix it";

export function builder(y: Argv): Argv<{ rule: string }> {
  return y.positional('rule', { type: 'string', demandOption: true }).example('$0 explain unit-command-fhs', 'what the rule catches, why, bad and good examples, how to fix it in a derivation') as unknown as Argv<{ rule: string }>;
}

export async function handler(args: ArgumentsCamelCase<{ rule: string }>): Promise<void> {
  const page = ruleDocs(args.rule);
  if (!page) {
    // The rule list only for a mistake: a page is a file read.
    const [{ RULES }, { UNUSED_SUPPRESSION }] = await Promise.all([import('../../../rules/index.js'), import('../../lint/engine.js')]);
    throw new UsageError(`no rule '${args.rule}'${didYouMean(args.rule, [...RULES.map((r) => r.id), UNUSED_SUPPRESSION])}; 'unitfix rules' lists them`);
  }
  process.stdout.write(page);
}
