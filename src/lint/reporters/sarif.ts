import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VERSION } from '../../version.js';
import type { Finding } from '../types.js';
import type { AnyRule } from '../rule.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The folder the report was made in: GitHub code scanning resolves it to the repository's checkout. */
const SRCROOT = '%SRCROOT%';
const NIX_STORE = 'NIX_STORE';

export interface SarifOptions {
  /** The unitfix repository's web address, for links to the rules' pages (package.json; none: no links). */
  readonly home?: string;
  /** Paths inside it are relative to the NIX_STORE base (default: $NIX_STORE or /nix/store). */
  readonly storeDir?: string;
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function inside(folder: string, file: string): string | undefined {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : undefined;
}

/**
 * SARIF 2.1.0: the rules that have results, each with its page once (as
 * markdown; the plain text is its one-line description), and one result per
 * finding. Locations are relative URIs on a base (%SRCROOT%, the working
 * folder, or NIX_STORE), so the report does not depend on where it was made
 * and code scanning can show them in the repository; anything else is an
 * absolute file URI.
 */
export function formatSarif(findings: readonly Finding[], rules: readonly AnyRule[], docs: (id: string) => string | undefined, options: SarifOptions = {}): string {
  const ids = [...new Set(findings.map((f) => f.ruleId))].sort();
  const byId = new Map(rules.map((r) => [r.meta.id, r.meta]));
  const driverRules = ids.map((id) => {
    const rule = byId.get(id);
    const description = rule?.description ?? 'A unitfix-disable comment that suppresses nothing';
    const page = docs(id);
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: description },
      help: page ? { text: description, markdown: page } : { text: description },
      ...(options.home ? { helpUri: `${options.home}/blob/main/docs/rules/${id}.md` } : {}),
      defaultConfiguration: { level: LEVEL[rule?.severity ?? 'warning'] },
    };
  });
  const cwd = process.cwd();
  const storeDir = path.resolve(options.storeDir ?? process.env['NIX_STORE'] ?? '/nix/store');
  const bases = new Set<string>();
  const locationOf = (file: string) => {
    const inCwd = inside(cwd, file);
    if (inCwd !== undefined) {
      bases.add(SRCROOT);
      return { uri: encodeURI(inCwd), uriBaseId: SRCROOT };
    }
    const inStore = inside(storeDir, file);
    if (inStore !== undefined) {
      bases.add(NIX_STORE);
      return { uri: encodeURI(inStore), uriBaseId: NIX_STORE };
    }
    return { uri: pathToFileURL(file).href };
  };
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: locationOf(f.path), region: { startLine: f.line, startColumn: f.column } } }],
  }));
  const originalUriBaseIds: Record<string, { uri: string; description: { text: string } }> = {};
  if (bases.has(SRCROOT)) originalUriBaseIds[SRCROOT] = { uri: folderUri(cwd), description: { text: 'the folder unitfix lint ran in' } };
  if (bases.has(NIX_STORE)) originalUriBaseIds[NIX_STORE] = { uri: folderUri(storeDir), description: { text: 'the Nix store' } };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'unitfix', version: VERSION, ...(options.home ? { informationUri: options.home } : {}), rules: driverRules } },
        ...(bases.size > 0 ? { originalUriBaseIds } : {}),
        results,
      },
    ],
  };
  // Compact, as the JSON report: for tools, and a closure's report is large.
  return `${JSON.stringify(log)}\n`;
}
