import type { Span } from '../../text/span.js';
import type { Word } from '../../text/extract-word.js';

/** One column of a line: where it stands and what systemd reads (unquoted). */
export interface Column {
  readonly word: Word;
  /** The value as a byte string; null for '-' (the default) where '-' means that. */
  readonly value: string | null;
}

/** The Argument column: the rest of the line, as written, and as systemd reads it. */
export interface ArgumentColumn extends Span {
  readonly raw: string;
  /** After C unescaping for the types that unescape (C, L, f, F, w); the raw text otherwise. */
  readonly value: string;
}

export interface TmpfilesDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly line: number;
  readonly span: Span;
}

interface NodeBase {
  readonly span: Span;
  readonly line: number;
}

export interface TmpfilesTrivia extends NodeBase {
  readonly type: 'blank' | 'comment';
}

export interface TmpfilesEntry extends NodeBase {
  readonly type: 'entry';
  readonly action: Column;
  /** The type letter: f, d, L, C, … */
  readonly letter: string;
  /** The modifiers after the letter, as written: '+', '!', '-', '=', '~', '^', … */
  readonly modifiers: string;
  readonly path: Column;
  readonly mode: Column | null;
  readonly user: Column | null;
  readonly group: Column | null;
  readonly age: Column | null;
  readonly argument: ArgumentColumn | null;
}

export interface TmpfilesInvalid extends NodeBase {
  readonly type: 'invalid';
  readonly diagnostic: TmpfilesDiagnostic;
}

export type TmpfilesNode = TmpfilesTrivia | TmpfilesEntry | TmpfilesInvalid;

export interface TmpfilesFile {
  readonly source: Buffer;
  readonly text: string;
  readonly nodes: readonly TmpfilesNode[];
  readonly entries: readonly TmpfilesEntry[];
  readonly diagnostics: readonly TmpfilesDiagnostic[];
}
