import type { Argv, ArgumentsCamelCase } from 'yargs';
import { RULES } from '../../../rules/index.js';
import { styleFor } from '../style.js';

export function builder(y: Argv): Argv<{ json?: boolean }> {
  return y
    .option('json', { type: 'boolean', describe: 'as JSON' })
    .example('$0 rules', 'id, description, default severity, and whether --fix can fix it')
    .example('$0 rules --json', 'the same for tools');
}

export function handler(args: ArgumentsCamelCase<{ json?: boolean }>): void {
  if (args.json) {
    process.stdout.write(`${JSON.stringify(RULES.map(({ meta: { id, description, severity, fixable, deep, options } }) => ({ id, description, severity, fixable: fixable !== false, deep: deep ?? false, options: options ?? {} })), null, 2)}\n`);
    return;
  }
  const style = styleFor(process.stdout);
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  for (const { meta: rule } of RULES) {
    const flags = [rule.severity, rule.fixable ? 'fixable' : '', rule.deep ? '--deep' : ''].filter(Boolean).join(', ');
    process.stdout.write(`${style.bold(rule.id.padEnd(width))}  ${rule.description} ${style.dim(`(${flags})`)}\n`);
  }
}
