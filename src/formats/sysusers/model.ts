import type { Column, ColumnEntry, ColumnFile } from '../column-file.js';

export interface SysusersFields {
  readonly action: Column;
  /** u, g, m or r. */
  readonly letter: string;
  /** '!' (a locked account, v257) or ''. */
  readonly modifiers: string;
  readonly name: Column | null;
  readonly id: Column | null;
  readonly gecos: Column | null;
  readonly home: Column | null;
  readonly shell: Column | null;
}

export type SysusersEntry = ColumnEntry<SysusersFields>;
export type SysusersFile = ColumnFile<SysusersFields>;
