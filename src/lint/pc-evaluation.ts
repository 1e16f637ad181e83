import path from 'node:path';
import { evaluatePc, type PcEvaluation } from '../formats/pkgconfig/evaluate.js';
import type { PcFile } from '../formats/pkgconfig/model.js';

/** One evaluation per parsed .pc file, shared by the rules that need it (gone with the parse). */
const evaluations = new WeakMap<PcFile, PcEvaluation>();

/** The .pc file evaluated as pkgconf would find it where it lies (${pcfiledir} is its folder). */
export function pcEvaluationOf(file: { readonly path: string; readonly pkgconfig?: PcFile }): PcEvaluation {
  const parsed = file.pkgconfig!;
  let evaluation = evaluations.get(parsed);
  if (!evaluation) {
    evaluation = evaluatePc(parsed, { pcfiledir: path.dirname(file.path) });
    evaluations.set(parsed, evaluation);
  }
  return evaluation;
}
