import type { PcLine } from './lines.js';

/** What a logical line of a .pc file is, after pkgconf_parser_parse() (libpkgconf/parser.c). */
export interface PcNode {
  readonly type: 'variable' | 'field' | 'ignored';
  readonly line: PcLine;
  /** The key as written (variables are case-sensitive, field names are not). */
  readonly key: string;
  /** Offsets of the value within line.content (blanks around it stripped). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The value as written, a byte string (after continuation and comment handling). */
  readonly rawValue: string;
}

export interface PcFile {
  readonly source: Buffer;
  readonly text: string;
  /** Every logical line, in order: printing their spans gives the source back. */
  readonly lines: readonly PcLine[];
  /** Lines that define a variable or set a field, in order. */
  readonly nodes: readonly PcNode[];
}

export interface PcDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** 1-based line, or undefined for what concerns the whole file. */
  readonly line: number | undefined;
}
