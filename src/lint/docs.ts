import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let docsDir: string | undefined | null = null;

/** docs/rules of the unitfix package, found upward from this module (bundled or not). */
function rulesDocsDir(): string | undefined {
  if (docsDir !== null) return docsDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'docs/rules');
    if (fs.existsSync(candidate)) return (docsDir = candidate);
    dir = path.dirname(dir);
  }
  return (docsDir = undefined);
}

/** The page of a rule (docs/rules/<id>.md), or undefined. */
export function ruleDocs(id: string): string | undefined {
  const dir = rulesDocsDir();
  if (!dir || !/^[a-z0-9-]+$/.test(id)) return undefined;
  const file = path.join(dir, `${id}.md`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** The rules that have a page (docs/rules/<id>.md), for suggestions. */
export function documentedRules(): string[] {
  const dir = rulesDocsDir();
  return dir ? fs.readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3)) : [];
}
