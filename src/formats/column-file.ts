import { displayText, toByteString } from '../text/bytes.js';
import { splitColumnLines, type ColumnLine } from '../text/column-lines.js';
import type { Word } from '../text/extract-word.js';
import type { LineDiagnostic, Span } from '../text/span.js';
import type { PhysicalLine } from '../text/systemd-lines.js';

/** One column of a line: where it stands and what systemd reads (unquoted). */
export interface Column {
  readonly word: Word;
  /** The value as a byte string; null for '-' or '' (the default). */
  readonly value: string | null;
}

export function column(word: Word | undefined): Column | null {
  if (!word) return null;
  return { word, value: word.value === '' || word.value === '-' ? null : word.value };
}

export type ColumnDiagnostic = LineDiagnostic;

interface NodeBase {
  readonly span: Span;
  readonly line: number;
}

export interface ColumnTrivia extends NodeBase {
  readonly type: 'blank' | 'comment';
}

export interface ColumnInvalid extends NodeBase {
  readonly type: 'invalid';
  readonly diagnostic: ColumnDiagnostic;
}

export type ColumnEntry<Fields> = NodeBase & { readonly type: 'entry' } & Fields;

export interface ColumnFile<Fields> {
  readonly source: Buffer;
  readonly text: string;
  /** The physical lines, as systemd's read_line() splits them: for line and column of an offset. */
  readonly lines: readonly PhysicalLine[];
  /** One node per physical line: printing their spans gives the source back. */
  readonly nodes: readonly (ColumnTrivia | ColumnInvalid | ColumnEntry<Fields>)[];
  readonly entries: readonly ColumnEntry<Fields>[];
  readonly diagnostics: readonly ColumnDiagnostic[];
}

export type EntryResult<Fields> = { readonly fields: Fields; readonly warnings: readonly string[] } | { readonly error: string };

/**
 * The loop tmpfiles.d and sysusers.d share: systemd's lines, blank and
 * comment lines as trivia, every other line parsed by `parseEntry` into an
 * entry or, when systemd would reject it, an invalid node. Never throws.
 */
export function parseColumnFile<Fields>(input: Uint8Array, parseEntry: (text: string, line: ColumnLine) => EntryResult<Fields>): ColumnFile<Fields> {
  const source = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const text = toByteString(source);
  const nodes: (ColumnTrivia | ColumnInvalid | ColumnEntry<Fields>)[] = [];
  const entries: ColumnEntry<Fields>[] = [];
  const diagnostics: ColumnDiagnostic[] = [];
  const columnLines = splitColumnLines(text);
  for (const cl of columnLines) {
    const span = { start: cl.line.start, end: cl.line.end };
    const line = cl.line.number;
    if (cl.kind !== 'content') {
      nodes.push({ type: cl.kind, span, line });
      continue;
    }
    const result = parseEntry(text, cl);
    if ('error' in result) {
      const diagnostic: ColumnDiagnostic = { severity: 'error', message: result.error, line, span };
      diagnostics.push(diagnostic);
      nodes.push({ type: 'invalid', span, line, diagnostic });
      continue;
    }
    for (const message of result.warnings) diagnostics.push({ severity: 'warning', message, line, span });
    const entry = { type: 'entry' as const, span, line, ...result.fields };
    nodes.push(entry);
    entries.push(entry);
  }
  return { source, text, lines: columnLines.map((cl) => cl.line), nodes, entries, diagnostics };
}

/** Prints any parsed file back: the concatenation of its nodes' spans. */
export function printNodes(file: { readonly source: Buffer; readonly nodes: readonly { readonly span: Span }[] }): Buffer {
  return Buffer.concat(file.nodes.map((node) => file.source.subarray(node.span.start, node.span.end)));
}

/** A column's value as `inspect --json` shows it: null for '-' or ''. */
export const columnText = (c: Column | null): string | null => (c?.value == null ? null : displayText(c.value));

/** A parse's diagnostics as `inspect --json` shows them. */
export function diagnosticLines(file: { readonly diagnostics: readonly LineDiagnostic[] }): { line: number; severity: string; message: string }[] {
  return file.diagnostics.map((d) => ({ line: d.line, severity: d.severity, message: d.message }));
}
