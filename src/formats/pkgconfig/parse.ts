import { toByteString } from '../../text/bytes.js';
import { splitPcLines, type PcLine } from './lines.js';
import type { PcFile, PcNode } from './model.js';

/** C's isspace() in the C locale. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function isKeyChar(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z0-9_.]$/.test(c);
}

/**
 * Classifies one logical line like pkgconf_parser_parse(): a key of
 * [A-Za-z0-9_.] that starts with a letter, blanks, then the operator is the
 * next character: '=' defines a variable, ':' sets a field, anything else
 * makes the line ignored. The value is the rest, blanks stripped.
 */
function classify(line: PcLine): PcNode | undefined {
  const s = line.content;
  let p = 0;
  while (p < s.length && isSpace(s[p])) p++;
  const keyStart = p;
  while (p < s.length && isKeyChar(s[p])) p++;
  const key = s.slice(keyStart, p);
  if (!/^[A-Za-z]/.test(key)) return undefined;
  while (p < s.length && isSpace(s[p])) p++;
  const op = s[p];
  if (p < s.length) p++;
  while (p < s.length && isSpace(s[p])) p++;
  let end = s.length;
  while (end > p + 1 && isSpace(s[end - 1])) end--;
  const type = op === '=' ? 'variable' : op === ':' ? 'field' : 'ignored';
  return { type, line, key, valueStart: p, valueEnd: end, rawValue: s.slice(p, end) };
}

/** Parses a .pc file without losing a byte: its logical lines partition the source. Never throws. */
export function parsePc(input: Uint8Array): PcFile {
  const source = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const text = toByteString(source);
  const lines = splitPcLines(text);
  const nodes: PcNode[] = [];
  for (const line of lines) {
    const node = classify(line);
    if (node) nodes.push(node);
  }
  return { source, text, lines, nodes };
}

export function printPc(file: PcFile): Buffer {
  return Buffer.concat(file.lines.map((l) => file.source.subarray(l.start, l.end)));
}
