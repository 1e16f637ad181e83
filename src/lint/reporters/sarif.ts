import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VERSION } from '../../version.js';
import type { Finding, Rule } from '../types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const HELP_BASE = 'https://github.com/unitfix/unitfix/blob/main/docs/rules/';

/** A location GitHub code scanning accepts: relative to the working folder when inside it. */
function artifactUri(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? pathToFileURL(file).href : relative.split(path.sep).join('/');
}

/** SARIF 2.1.0: the rules with their help, and one result per finding with its physical location. */
export function formatSarif(findings: readonly Finding[], rules: readonly Rule[], docs: (id: string) => string | undefined): string {
  const ids = [...new Set([...rules.map((r) => r.id), ...findings.map((f) => f.ruleId)])].sort();
  const byId = new Map(rules.map((r) => [r.id, r]));
  const driverRules = ids.map((id) => {
    const rule = byId.get(id);
    const description = rule?.description ?? 'A unitfix-disable comment that suppresses nothing';
    const help = docs(id) ?? description;
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: description },
      fullDescription: { text: description },
      help: { text: help, markdown: help },
      helpUri: `${HELP_BASE}${id}.md`,
      defaultConfiguration: { level: LEVEL[rule?.severity ?? 'warning'] },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'unitfix', version: VERSION, informationUri: 'https://github.com/unitfix/unitfix', rules: driverRules } },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ids.indexOf(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.path) }, region: { startLine: f.line, startColumn: f.column } } }],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
