import type { Span } from '../../text/span.js';
import type { Column, ColumnEntry, ColumnFile } from '../column-file.js';

export type { Column } from '../column-file.js';

/** The Argument column: the rest of the line, as written, and as systemd reads it. */
export interface ArgumentColumn extends Span {
  readonly raw: string;
  /** After C unescaping for the types that unescape (C, L, f, F, w); the raw text otherwise. */
  readonly value: string;
}

export interface TmpfilesFields {
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

export type TmpfilesEntry = ColumnEntry<TmpfilesFields>;
export type TmpfilesFile = ColumnFile<TmpfilesFields>;
