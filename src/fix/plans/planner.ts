import type { PlanCache } from '../plan-cache.js';
import type { PathResolver } from './path-resolver.js';
import type { Rewrite } from './rewrite.js';

/** What a planner gets besides the parsed file: the same for every format of a run. */
export interface PlanContext {
  /** The file's real path. */
  readonly file: string;
  readonly resolver: PathResolver;
  /** What the files of one run share (a unit's planner reads its unit and drop-ins there). */
  readonly cache: PlanCache;
}

/** A format's rewrite planner: edits against the parsed file's original bytes, and what to report. */
export type Planner<Model> = (model: Model, context: PlanContext) => Rewrite;
