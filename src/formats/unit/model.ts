import type { Span } from '../../text/span.js';
import type { PhysicalLine } from '../../text/systemd-lines.js';
import type { ValueMap } from './value-map.js';

export type UnitDiagnosticCode =
  | 'invalid-utf8'
  | 'invalid-section-header'
  | 'unsafe-section-name'
  | 'missing-equals'
  | 'missing-key'
  | 'outside-section'
  | 'line-too-long'
  | 'continuation-too-long';

/**
 * Something systemd would complain about. `error` means systemd refuses to
 * load the whole file; `warning` means it ignores the line and goes on.
 */
export interface UnitDiagnostic {
  readonly code: UnitDiagnosticCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly span: Span;
  readonly line: number;
}

interface NodeBase {
  /** Every physical line of the node, terminators included. Nodes partition the file. */
  readonly span: Span;
  /** 1-based number of the node's first physical line. */
  readonly line: number;
  /** Comment lines systemd skipped inside a continuation, kept for printing. */
  readonly innerComments: readonly Span[];
}

export interface TriviaNode extends NodeBase {
  readonly type: 'blank' | 'comment';
}

export interface SectionHeaderNode extends NodeBase {
  readonly type: 'section-header';
  readonly name: string;
  readonly nameSpan: Span;
}

export interface AssignmentNode extends NodeBase {
  readonly type: 'assignment';
  /** The section the assignment belongs to; null before the first header. */
  readonly section: string | null;
  readonly key: string;
  readonly keySpan: Span;
  /** The value as systemd sees it (continuations joined, stripped), decoded as UTF-8. */
  readonly value: string;
  /** The same value as a byte string (one char per byte), for byte-exact work. */
  readonly rawValue: string;
  /** Maps offsets in rawValue back to the file. */
  readonly valueMap: ValueMap;
  /** 1-based number of the last physical line, the one systemd names in its messages. */
  readonly lastLine: number;
}

export interface InvalidNode extends NodeBase {
  readonly type: 'invalid';
  readonly diagnostic: UnitDiagnostic;
}

export type UnitNode = TriviaNode | SectionHeaderNode | AssignmentNode | InvalidNode;

export interface UnitSection {
  readonly name: string;
  readonly header: SectionHeaderNode;
  readonly assignments: readonly AssignmentNode[];
}

/** A parsed file in systemd's INI-like syntax: units, drop-ins, and other *.conf. */
export interface UnitFile {
  readonly source: Buffer;
  /** The source as a byte string. */
  readonly text: string;
  readonly lines: readonly PhysicalLine[];
  readonly nodes: readonly UnitNode[];
  readonly sections: readonly UnitSection[];
  /** Assignments before the first section header (systemd ignores them). */
  readonly orphans: readonly AssignmentNode[];
  readonly diagnostics: readonly UnitDiagnostic[];
}
