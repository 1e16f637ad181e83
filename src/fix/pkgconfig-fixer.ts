import path from 'node:path';
import { evaluatePc } from '../formats/pkgconfig/evaluate.js';
import { parsePc } from '../formats/pkgconfig/parse.js';
import { planPcRewrites } from './plans/pkgconfig.js';
import type { FileFixer } from './file-fixer.js';

/** pkg-config files: a prefix (or other root variable) under /usr, /lib or /etc points into the outputs. */
export const pkgconfigFixer: FileFixer = {
  format: 'pkgconfig',
  // lib/*/pkgconfig: multiarch libdirs (lib/x86_64-linux-gnu) that some build systems default to.
  folders: ['lib/pkgconfig', 'share/pkgconfig', 'lib/*/pkgconfig'],
  accepts: (realPath, linkPath) =>
    [realPath, linkPath].some((p) => p.endsWith('.pc') && path.basename(path.dirname(p)) === 'pkgconfig'),
  plan(source, file, resolver) {
    const parsed = parsePc(source);
    const evaluation = evaluatePc(parsed, { pcfiledir: path.dirname(file) });
    const ownOutput = resolver.outputs.find((o) => file.startsWith(`${o}/`));
    const rewrite = planPcRewrites(evaluation, { outputs: resolver.outputs, ownOutput });
    const problems = evaluation.diagnostics.map((d) => ({ line: d.line ?? 1, column: 1, message: d.message }));
    return { ...rewrite, problems: [...problems, ...rewrite.problems] };
  },
};
