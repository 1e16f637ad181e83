import path from 'node:path';
import { evaluatePcIn, type PcEvaluation } from '../formats/pkgconfig/evaluate.js';
import type { PcFile } from '../formats/pkgconfig/model.js';

/** The .pc file evaluated as pkgconf would find it where it lies (${pcfiledir} is its folder), once for every rule. */
export function pcEvaluationOf(file: { readonly path: string; readonly pkgconfig?: PcFile }): PcEvaluation {
  return evaluatePcIn(file.pkgconfig!, path.dirname(file.path));
}
