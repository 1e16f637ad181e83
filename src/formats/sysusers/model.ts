import type { Span } from '../../text/span.js';
import type { Column, TmpfilesDiagnostic } from '../tmpfiles/model.js';

export type { Column } from '../tmpfiles/model.js';
export type SysusersDiagnostic = TmpfilesDiagnostic;

interface NodeBase {
  readonly span: Span;
  readonly line: number;
}

export interface SysusersTrivia extends NodeBase {
  readonly type: 'blank' | 'comment';
}

export interface SysusersEntry extends NodeBase {
  readonly type: 'entry';
  readonly action: Column;
  /** u, g, m or r. */
  readonly letter: string;
  /** '!' (locked account, v257) or ''. */
  readonly modifiers: string;
  readonly name: Column | null;
  readonly id: Column | null;
  readonly gecos: Column | null;
  readonly home: Column | null;
  readonly shell: Column | null;
}

export interface SysusersInvalid extends NodeBase {
  readonly type: 'invalid';
  readonly diagnostic: SysusersDiagnostic;
}

export type SysusersNode = SysusersTrivia | SysusersEntry | SysusersInvalid;

export interface SysusersFile {
  readonly source: Buffer;
  readonly text: string;
  readonly nodes: readonly SysusersNode[];
  readonly entries: readonly SysusersEntry[];
  readonly diagnostics: readonly SysusersDiagnostic[];
}
