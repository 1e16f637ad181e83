import type { Span } from '../../text/span.js';
import type { PhysicalLine } from '../../text/systemd-lines.js';

/** The operators udev knows, as written. */
export type UdevOperator = '==' | '!=' | '+=' | '-=' | '=' | ':=';

/** One KEY{attr}op"value" pair of a rule. */
export interface UdevToken {
  readonly key: string;
  readonly keySpan: Span;
  /** The text between braces after the key, or null without braces. */
  readonly attr: string | null;
  readonly op: UdevOperator;
  /** The letters before the opening quote: '' or 'e' (C escapes), and since v256 'i' (case-insensitive match). */
  readonly prefix: string;
  /** The value as udev sees it: unquoted, \" (or, for e"…", every C escape) decoded; a byte string. */
  readonly value: string;
  /** From the prefix through the closing quote, in the file. */
  readonly valueSpan: Span;
  /** For each byte of value: where its source starts and ends in the file. */
  readonly origins: readonly number[];
  readonly originEnds: readonly number[];
}

/**
 * A rule: one logical line, that is physical lines joined where one ends in a
 * backslash (comment lines in between are skipped, as udev skips them).
 */
export interface UdevRule {
  /** The first physical line of the rule. */
  readonly firstLine: number;
  /** The last physical line: udev names this one in its messages. */
  readonly line: number;
  readonly span: Span;
  readonly tokens: readonly UdevToken[];
  /** Why udev drops the whole rule; its tokens up to the fault are kept for display. */
  readonly error?: string;
}

export interface UdevDiagnostic {
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly span: Span;
}

export interface UdevRulesFile {
  /** The file as a byte string (one char per byte). */
  readonly text: string;
  readonly lines: readonly PhysicalLine[];
  readonly rules: readonly UdevRule[];
  readonly diagnostics: readonly UdevDiagnostic[];
}
