import type { Edit } from '../../text/edit.js';

/** A path the fixer replaced, for the one-line report per file. */
export interface Replacement {
  readonly line: number;
  readonly column: number;
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** What the replacement is about, for rules that share a planner (e.g. 'target', 'implicit-source'). */
  readonly kind?: string;
}

/** Something the fixer saw but left as it is, with the reason. */
export interface Problem {
  readonly line: number;
  readonly column: number;
  readonly key?: string;
  readonly message: string;
  /** What the problem is about, for rules that share a planner. */
  readonly kind?: string;
}

/** What a format's rewrite planner returns: edits against the original bytes, and what to report. */
export interface Rewrite {
  readonly edits: readonly Edit[];
  readonly replacements: readonly Replacement[];
  readonly problems: readonly Problem[];
}
