// Fetches (or reuses) the Debian corpus before the tests run: real files
// nobody here wrote, extracted by scripts/corpus/fetch-debian-corpus.js into a
// cache outside the repository. Tests find it through UNITFIX_CORPUS; when this
// machine cannot fetch it (no apt, no package lists, archive unreachable), the
// reason goes to UNITFIX_CORPUS_MISSING and the corpus suites skip with it,
// unless CI is set: then the run fails here.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCorpusDir } from '../scripts/corpus/corpus-location.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const UNAVAILABLE = 3;

export default function globalSetup() {
  if (process.env.UNITFIX_CORPUS) return;
  // Cheap when cached: .debs are checked against apt's hashes, packages re-extracted only when changed.
  const out = defaultCorpusDir();
  const fetch = spawnSync(process.execPath, [path.join(root, 'scripts/corpus/fetch-debian-corpus.js'), '--out', out], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = fetch.stdout.trim().split('\n').at(-1) ?? '';
  if (fetch.status === 0) {
    process.stderr.write(`\n${last}\n`);
    process.env.UNITFIX_CORPUS = out;
    return;
  }
  if (fetch.status !== UNAVAILABLE) throw new Error(`scripts/corpus/fetch-debian-corpus.js failed (exit ${fetch.status ?? fetch.signal}): see its messages above`);
  const reason = `no Debian corpus: ${last.replace(/^unavailable: /, '')}`;
  if (process.env.CI) throw new Error(reason);
  process.env.UNITFIX_CORPUS_MISSING = reason;
}
