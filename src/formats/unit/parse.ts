import { displayText, toByteString } from '../../text/bytes.js';
import type { Span } from '../../text/span.js';
import { isSystemdWhitespace, splitSystemdLines, type PhysicalLine } from '../../text/systemd-lines.js';
import { isSystemdValidUtf8 } from '../../text/utf8.js';
import type {
  AssignmentNode,
  UnitDiagnostic,
  UnitDiagnosticCode,
  UnitFile,
  UnitNode,
  UnitSection,
  SectionHeaderNode,
} from './model.js';
import { ValueMap, type ValueSegment } from './value-map.js';

/** systemd's LONG_LINE_MAX (src/basic/fileio.h): longer lines make the file unreadable. */
export const LONG_LINE_MAX = 1024 * 1024;

const UTF8_BOM = '\xef\xbb\xbf';

interface Piece {
  readonly start: number;
  readonly end: number;
  /** Ends in an unescaped backslash: the value goes on on the next line. */
  readonly continued: boolean;
}

interface PendingLogicalLine {
  readonly first: PhysicalLine;
  last: PhysicalLine;
  readonly pieces: Piece[];
  readonly comments: Span[];
  length: number;
}

/**
 * Parses systemd's INI-like syntax (systemd.syntax(7)) the way
 * src/shared/conf-parser.c config_parse() and parse_line() read it in
 * systemd 252, without losing a byte: every physical line belongs to exactly
 * one node, so printing the nodes' spans gives the source back.
 *
 * Never throws: what systemd would reject is an `invalid` node with a
 * diagnostic.
 */
export function parseUnit(input: Uint8Array): UnitFile {
  const source = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const text = toByteString(source);
  const lines = splitSystemdLines(text);
  const builder = new TreeBuilder(text);
  let bomSeen = false;
  let pending: PendingLogicalLine | undefined;

  for (const line of lines) {
    if (line.contentEnd - line.start >= LONG_LINE_MAX) {
      if (pending) builder.logicalLine(pending, pending.last);
      pending = undefined;
      builder.lineTooLong(line);
      continue;
    }
    let first = line.start;
    while (first < line.contentEnd && isSystemdWhitespace(text.charCodeAt(first))) first++;
    const lead = text[first];
    if (first < line.contentEnd && (lead === '#' || lead === ';')) {
      // Comment lines are skipped even in the middle of a continuation.
      if (pending) {
        pending.comments.push({ start: line.start, end: line.end });
        pending.last = line;
      } else builder.trivia('comment', line);
      continue;
    }
    let pieceStart = line.start;
    // Only the first BOM is stripped, from the first non-comment line that has one.
    if (!bomSeen && text.startsWith(UTF8_BOM, line.start)) {
      pieceStart += UTF8_BOM.length;
      bomSeen = true;
    }
    const continued = endsWithUnescapedBackslash(text, pieceStart, line.contentEnd);
    const piece: Piece = { start: pieceStart, end: line.contentEnd, continued };
    if (pending) {
      pending.length += piece.end - piece.start;
      pending.pieces.push(piece);
      pending.last = line;
    } else {
      pending = { first: line, last: line, pieces: [piece], comments: [], length: piece.end - piece.start };
    }
    if (continued) continue;
    builder.logicalLine(pending, line);
    pending = undefined;
  }
  if (pending) builder.logicalLine(pending, pending.last);
  return builder.finish(source, lines);
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

function endsWithUnescapedBackslash(text: string, start: number, end: number): boolean {
  let count = 0;
  for (let i = end - 1; i >= start && text.charCodeAt(i) === 0x5c; i--) count++;
  return count % 2 === 1;
}

/** systemd's string_is_safe(): no control characters, quotes, backslashes or DEL. */
function isSafeName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\x01-\x1f"'\\\x7f]/.test(name);
}

class TreeBuilder {
  private readonly nodes: UnitNode[] = [];
  private readonly diagnostics: UnitDiagnostic[] = [];
  private readonly sections: { name: string; header: SectionHeaderNode; assignments: AssignmentNode[] }[] = [];
  private readonly orphans: AssignmentNode[] = [];
  private current: { name: string; assignments: AssignmentNode[] } | undefined;

  constructor(private readonly text: string) {}

  finish(source: Buffer, lines: readonly PhysicalLine[]): UnitFile {
    const sections: UnitSection[] = this.sections;
    return { source, text: this.text, lines, nodes: this.nodes, sections, orphans: this.orphans, diagnostics: this.diagnostics };
  }

  trivia(type: 'blank' | 'comment', line: PhysicalLine): void {
    this.nodes.push({ type, span: { start: line.start, end: line.end }, line: line.number, innerComments: [] });
  }

  lineTooLong(line: PhysicalLine): void {
    const span = { start: line.start, end: line.end };
    this.invalid(span, line.number, [], 'line-too-long', 'error', `line is longer than systemd's limit of ${LONG_LINE_MAX} bytes`);
  }

  logicalLine(pending: PendingLogicalLine, last: PhysicalLine): void {
    const span = { start: pending.first.start, end: last.end };
    const lineNo = pending.first.number;
    const comments = pending.comments;
    if (pending.pieces.length > 1 && pending.length > LONG_LINE_MAX) {
      this.invalid(span, lineNo, comments, 'continuation-too-long', 'error', `continued line is longer than systemd's limit of ${LONG_LINE_MAX} bytes`);
      return;
    }
    const { logical, segments } = this.join(pending.pieces);
    let ls = 0;
    let le = logical.length;
    while (ls < le && isSystemdWhitespace(logical.charCodeAt(ls))) ls++;
    while (le > ls && isSystemdWhitespace(logical.charCodeAt(le - 1))) le--;
    if (ls === le) {
      this.nodes.push({ type: 'blank', span, line: lineNo, innerComments: comments });
      return;
    }
    const map = new ValueMap(segments);
    const stripped = logical.slice(ls, le);
    // Nearly every line is ASCII: then it is valid UTF-8 and every part of it is its own decoding.
    const ascii = !NON_ASCII.test(stripped);
    if (!ascii && !isSystemdValidUtf8(stripped)) {
      this.invalid(span, lineNo, comments, 'invalid-utf8', 'error', 'line is not valid UTF-8');
      return;
    }
    const decoded = ascii ? stripped : displayText(stripped);
    if (stripped[0] === '[') {
      if (stripped[stripped.length - 1] !== ']') {
        this.invalid(span, lineNo, comments, 'invalid-section-header', 'error', `invalid section header '${decoded}': no closing ']'`);
        return;
      }
      const name = decoded.slice(1, -1);
      if (!isSafeName(name)) {
        this.invalid(span, lineNo, comments, 'unsafe-section-name', 'error', `bad characters in section header '${decoded}'`);
        return;
      }
      const nameSpan = map.toSource(ls + 1, le - 1) ?? span;
      const header: SectionHeaderNode = { type: 'section-header', span, line: lineNo, innerComments: comments, name, nameSpan };
      this.nodes.push(header);
      const section = { name, header, assignments: [] as AssignmentNode[] };
      this.sections.push(section);
      this.current = section;
      return;
    }
    const eq = logical.indexOf('=', ls);
    if (eq < 0 || eq >= le) {
      const code = this.current ? 'missing-equals' : 'outside-section';
      this.invalid(span, lineNo, comments, code, 'warning', this.current ? "missing '=': line ignored" : 'text outside of any section: line ignored');
      return;
    }
    if (eq === ls) {
      this.invalid(span, lineNo, comments, 'missing-key', 'warning', "missing key name before '=': line ignored");
      return;
    }
    let ke = eq;
    while (ke > ls && isSystemdWhitespace(logical.charCodeAt(ke - 1))) ke--;
    let vs = eq + 1;
    while (vs < le && isSystemdWhitespace(logical.charCodeAt(vs))) vs++;
    const rawKey = logical.slice(ls, ke);
    const rawValue = logical.slice(vs, le);
    const valueSegments: ValueSegment[] = [];
    for (const seg of segments) {
      const start = Math.max(seg.valueStart, vs);
      const end = Math.min(seg.valueStart + seg.length, le);
      if (end < start || (end === start && valueSegments.length > 0)) continue;
      valueSegments.push({
        valueStart: start - vs,
        sourceStart: seg.sourceStart + (start - seg.valueStart),
        length: end - start,
        synthetic: seg.synthetic,
      });
    }
    const node: AssignmentNode = {
      type: 'assignment',
      span,
      line: lineNo,
      lastLine: last.number,
      innerComments: comments,
      section: this.current?.name ?? null,
      key: ascii ? rawKey : displayText(rawKey),
      keySpan: map.toSource(ls, ke) ?? span,
      value: ascii ? rawValue : displayText(rawValue),
      rawValue,
      valueMap: new ValueMap(valueSegments),
    };
    this.nodes.push(node);
    if (this.current) {
      this.current.assignments.push(node);
    } else {
      this.orphans.push(node);
      this.diagnostics.push({ code: 'outside-section', severity: 'warning', message: 'assignment outside of any section: ignored', span, line: lineNo });
    }
  }

  private join(pieces: readonly Piece[]): { logical: string; segments: ValueSegment[] } {
    let logical = '';
    const segments: ValueSegment[] = [];
    for (const piece of pieces) {
      const bodyEnd = piece.continued ? piece.end - 1 : piece.end;
      segments.push({ valueStart: logical.length, sourceStart: piece.start, length: bodyEnd - piece.start, synthetic: false });
      logical += this.text.slice(piece.start, bodyEnd);
      if (piece.continued) {
        segments.push({ valueStart: logical.length, sourceStart: bodyEnd, length: 1, synthetic: true });
        logical += ' ';
      }
    }
    return { logical, segments };
  }

  private invalid(
    span: Span,
    line: number,
    comments: readonly Span[],
    code: UnitDiagnosticCode,
    severity: 'error' | 'warning',
    message: string,
  ): void {
    const diagnostic: UnitDiagnostic = { code, severity, message, span, line };
    this.diagnostics.push(diagnostic);
    this.nodes.push({ type: 'invalid', span, line, innerComments: comments, diagnostic });
  }
}
