import path from 'node:path';
import { parseTmpfiles } from '../formats/tmpfiles/parse.js';
import { planTmpfilesRewrites } from './plans/tmpfiles.js';
import type { FileFixer } from './file-fixer.js';
import { diagnosticProblems } from './diagnostic-problems.js';

/** systemd reads *.conf directly inside these folders, nothing below them (tmpfiles.d(5)). */
export function isConfIn(file: string, folder: string): boolean {
  return file.endsWith('.conf') && path.basename(path.dirname(file)) === folder;
}

/** tmpfiles.d: symlink targets and copy sources point at the outputs and dependencies. */
export const tmpfilesFixer: FileFixer = {
  format: 'tmpfiles',
  folders: ['lib/tmpfiles.d', 'etc/tmpfiles.d'],
  accepts: (realPath, linkPath) => isConfIn(realPath, 'tmpfiles.d') || isConfIn(linkPath, 'tmpfiles.d'),
  plan(source, _file, resolver) {
    const parsed = parseTmpfiles(source);
    const rewrite = planTmpfilesRewrites(parsed, resolver);
    return { ...rewrite, problems: [...diagnosticProblems(parsed.lines, parsed.diagnostics), ...rewrite.problems] };
  },
};
