// Builds (or reuses) the Debian corpus before the tests run: real files nobody
// here wrote, extracted by ../shared/corpus/debian-corpus.sh into a cache
// outside the repository. Tests find it through UNITFIX_CORPUS.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export default function globalSetup() {
  if (process.env.UNITFIX_CORPUS) return;
  const script = path.resolve(root, '../shared/corpus/debian-corpus.sh');
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const out = path.join(cacheHome, 'unitfix', 'debian-corpus');
  if (!fs.existsSync(script)) {
    if (process.env.CI) throw new Error(`${script} is missing: the corpus tests cannot run`);
    console.warn(`\n${script} not found: corpus tests are skipped`);
    return;
  }
  fs.mkdirSync(out, { recursive: true });
  // Cheap when cached: .debs are downloaded once, packages re-extracted only when changed.
  execFileSync('bash', [script, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.UNITFIX_CORPUS = out;
}
