import type { Argv, ArgumentsCamelCase } from 'yargs';
import { documentedRules, ruleDocs } from '../../lint/docs.js';
import { didYouMean } from '../../text/nearest-word.js';
import { UsageError } from '../../usage-error.js';

export function builder(y: Argv): Argv<{ rule: string }> {
  return y.positional('rule', { type: 'string', demandOption: true }).example('$0 explain unit-command-fhs', 'what the rule catches, why, bad and good examples, how to fix it in a derivation') as unknown as Argv<{ rule: string }>;
}

export function handler(args: ArgumentsCamelCase<{ rule: string }>): void {
  const page = ruleDocs(args.rule);
  if (!page) throw new UsageError(`no rule '${args.rule}'${didYouMean(args.rule, documentedRules())}; 'unitfix rules' lists them`);
  process.stdout.write(page);
}
