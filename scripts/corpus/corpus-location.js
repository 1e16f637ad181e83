import os from 'node:os';
import path from 'node:path';

/**
 * Where the corpus is cached: outside the repository, shared by all its clones.
 * The folder name changes whenever the layout does, so an old copy is never read.
 */
export function defaultCorpusDir(env = process.env) {
  const cacheHome = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'unitfix', 'corpus-v2');
}
