import path from 'node:path';
import { evaluatePcIn, type PcEvaluation } from '../formats/pkgconfig/evaluate.js';
import type { PcFile } from '../formats/pkgconfig/model.js';

/** Evaluations by parse: two rules (pc-fhs-variable, pc-dangling-path) ask for the same file's. */
const evaluations = new WeakMap<PcFile, { readonly folder: string; readonly evaluation: PcEvaluation }>();

/** The .pc file evaluated as pkgconf would find it where it lies (${pcfiledir} is its folder), once for every rule. */
export function pcEvaluationOf(file: { readonly path: string; readonly pkgconfig?: PcFile }): PcEvaluation {
  const model = file.pkgconfig!;
  const folder = path.dirname(file.path);
  const known = evaluations.get(model);
  if (known && known.folder === folder) return known.evaluation;
  const evaluation = evaluatePcIn(model, folder);
  evaluations.set(model, { folder, evaluation });
  return evaluation;
}
