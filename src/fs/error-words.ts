const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'symlink loop',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a folder',
  ENAMETOOLONG: 'name too long',
};

/** What went wrong with a file, in the same words wherever unitfix reports it (fix, lint, inspect). */
export function fsErrorWords(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const known = e.code !== undefined ? WORDS[e.code] : undefined;
  if (known) return known;
  // Node's own text ("EIO: i/o error, read '/x'") without the path, which the report names already.
  return typeof e.message === 'string' ? e.message.replace(/, \w+ '.*$/s, '') : String(error);
}
