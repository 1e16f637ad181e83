import type { Resolution, ResolveContext } from '../../resolve/resolver.js';

/**
 * What every planner asks of the resolver: where a program, or any other
 * file, named by an FHS path is in the outputs, on the search path, in the
 * dependencies (--dependency) or in the fallback set. One Resolver answers
 * for every format of a run.
 */
export interface PathResolver {
  /** The package's outputs, in search order. */
  readonly outputs: readonly string[];
  resolveExecutable(file: string, context?: ResolveContext): Resolution;
  resolveFile(file: string): Resolution;
  /** Whether a path exists (cached for the run); planners that ask about folders use it when given. */
  exists?(file: string): boolean;
}
