import type { Finding } from '../lint/types.js';

/**
 * Why a finding is there. 'defect': the closure itself is wrong and adding
 * packages will not help. 'neighbour': something outside the closure would
 * provide what is missing (the systemd the tools come from ships it), so the
 * closure is incomplete rather than wrong.
 */
export type Cause = 'defect' | 'neighbour';

/** A finding of image-check: a lint finding, with its cause and which step or check found it. */
export interface ImageFinding extends Finding {
  readonly cause: Cause;
  /** systemd-sysusers, systemd-tmpfiles, systemctl preset-all, systemd-analyze verify, or cross-check. */
  readonly source: string;
}

/** A finding before severities are applied; `subject` says what it is about, to merge a tool's message with the cross-check that sees the same thing. */
export interface Draft {
  readonly ruleId: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly cause: Cause;
  readonly source: string;
  readonly subject: string;
}
