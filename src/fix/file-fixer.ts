import type { Resolver } from '../resolve/resolver.js';
import type { Rewrite } from './plans/rewrite.js';
import type { PlanCache } from './plan-cache.js';

/** What `unitfix fix` needs to know about one file format. */
export interface FileFixer {
  readonly format: string;
  /** Folders of an output, relative to it, where files of this format live. */
  readonly folders: readonly string[];
  /** Whether a file found there (by its real path, or the link that led to it) is one of ours. */
  accepts(realPath: string, linkPath: string): boolean;
  /** `cache`: what the files of one run share (a unit's fixer reads its unit and drop-ins there). */
  plan(source: Buffer, file: string, resolver: Resolver, cache?: PlanCache): Rewrite;
}
