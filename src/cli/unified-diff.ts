import type { ChalkInstance } from 'chalk';
import { createTwoFilesPatch } from 'diff';

/** A unified diff of two versions of a file, for --dry-run. Bytes that are not UTF-8 show as U+FFFD. */
export function unifiedDiff(name: string, before: Buffer, after: Buffer, style: ChalkInstance): string {
  // git's a/ and b/ prefixes whether the path is relative or absolute (a/nix/store/…, as
  // `git diff --no-index` writes it): `patch -p1` applies either, from the right folder.
  const bare = name.replace(/^\/+/, '');
  const [from, to] = [`a/${bare}`, `b/${bare}`];
  const patch = createTwoFilesPatch(from, to, before.toString('utf8'), after.toString('utf8'), '', '', { context: 3 });
  const lines = patch.split('\n');
  // jsdiff starts with an "Index:"-less "===" header; keep only the ---/+++ form git users know.
  const start = lines.findIndex((l) => l.startsWith('--- '));
  return lines
    .slice(start < 0 ? 0 : start)
    .map((line) => (line.startsWith('--- ') || line.startsWith('+++ ') ? line.replace(/\t$/, '') : line))
    .map((line) => {
      if (line.startsWith('+') && !line.startsWith('+++')) return style.green(line);
      if (line.startsWith('-') && !line.startsWith('---')) return style.red(line);
      if (line.startsWith('@@')) return style.cyan(line);
      return line;
    })
    .join('\n')
    .replace(/\n*$/, '\n');
}
