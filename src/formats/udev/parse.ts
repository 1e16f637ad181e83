import { toByteString } from '../../text/bytes.js';
import { decodeEscape } from '../../text/extract-word.js';
import { splitSystemdLines, type PhysicalLine } from '../../text/systemd-lines.js';
import { DEFAULT_DIALECT, type SystemdDialect } from '../systemd-version.js';
import { namesBuiltin } from './builtins.js';
import type { Span } from '../../text/span.js';
import type { UdevDiagnostic, UdevOperator, UdevRule, UdevRulesFile, UdevToken } from './model.js';

/**
 * udev reads lines of at most this many bytes (UDEV_LINE_SIZE): a longer
 * physical line stops the reading of the file, a longer joined rule is dropped.
 */
export const UDEV_LINE_SIZE = 16384;

/** The e/i value prefixes: 'i' (case-insensitive matching) is read since v256. */
const CASE_PREFIX_SINCE = 256;

const KNOWN_KEYS = new Set([
  'ACTION', 'DEVPATH', 'KERNEL', 'SYMLINK', 'NAME', 'ENV', 'CONST', 'TAG', 'SUBSYSTEM', 'DRIVER', 'ATTR', 'SYSCTL',
  'KERNELS', 'SUBSYSTEMS', 'DRIVERS', 'ATTRS', 'TAGS', 'TEST', 'PROGRAM', 'IMPORT', 'RESULT', 'OPTIONS', 'OWNER',
  'GROUP', 'MODE', 'SECLABEL', 'RUN', 'GOTO', 'LABEL',
]);
const IMPORT_KINDS = new Set(['file', 'program', 'builtin', 'db', 'cmdline', 'parent']);
const OPERATORS: readonly UdevOperator[] = ['==', '!=', '+=', '-=', '=', ':='];

const isWhitespace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Parses a udev rules file the way systemd-udevd reads it
 * (udev_rules_parse_file and parse_line in src/udev/udev-rules.c,
 * udev_rule_parse_value in src/shared/udev-util.c, systemd 252; the 'i'
 * value prefix of v256): physical lines as read_line() cuts them, leading
 * whitespace skipped, '#' lines skipped (also inside a continued rule), a
 * final backslash joining the next line, then KEY{attr}op"value" pairs
 * separated by whitespace or commas. Lossless (the file keeps its text),
 * never throws, linear in the input: a joined rule is cut off at
 * UDEV_LINE_SIZE bytes as udev cuts it.
 */
export function parseUdevRules(input: Uint8Array, dialect: SystemdDialect = DEFAULT_DIALECT): UdevRulesFile {
  const text = toByteString(input);
  const lines = splitSystemdLines(text);
  const rules: UdevRule[] = [];
  const diagnostics: UdevDiagnostic[] = [];
  // The rule being joined: its lines' bytes (pieces, never empty, joined once the rule is whole:
  // joining at every line would copy a long rule once per line), and where each line's bytes
  // begin in the joined rule and in the file.
  let pieces: string[] = [];
  let joinedLength = 0;
  let segments: Segment[] = [];
  let firstLine: PhysicalLine | undefined;
  let tooLong = false;
  const reset = (): void => {
    pieces = [];
    joinedLength = 0;
    segments = [];
    firstLine = undefined;
    tooLong = false;
  };
  for (const line of lines) {
    if (line.contentEnd - line.start >= UDEV_LINE_SIZE) {
      diagnostics.push({ line: line.number, severity: 'error', message: `line longer than ${UDEV_LINE_SIZE - 1} bytes: udev stops reading the file here`, span: { start: line.start, end: line.contentEnd } });
      return { text, lines, rules, diagnostics };
    }
    let start = line.start;
    while (start < line.contentEnd && isWhitespace(text[start])) start++;
    if (text[start] === '#') continue;
    const continued = firstLine !== undefined;
    const own = text.slice(start, line.contentEnd);
    if (continued && !tooLong && joinedLength + own.length >= UDEV_LINE_SIZE) tooLong = true;
    if (!tooLong) {
      if (own.length > 0) {
        pieces.push(own);
        segments.push({ at: joinedLength, from: start });
      }
      joinedLength += own.length;
    }
    firstLine ??= line;
    // What ends in a backslash: the joined rule (its last piece), or the line alone once the rule is too long.
    const end = tooLong ? own : (pieces[pieces.length - 1] ?? '');
    if (end.endsWith('\\')) {
      if (!tooLong) {
        const last = pieces.pop()!;
        if (last.length > 1) pieces.push(last.slice(0, -1));
        else segments.pop();
        joinedLength--;
      }
      continue;
    }
    const span = { start: firstLine.start, end: line.contentEnd };
    if (tooLong) {
      diagnostics.push({ line: line.number, severity: 'error', message: `rule longer than ${UDEV_LINE_SIZE - 1} bytes: udev ignores it`, span });
    } else if (joinedLength > 0) {
      const rule = parseRule(pieces.join(''), segments, firstLine.number, line.number, span, dialect.systemdVersion);
      rules.push(rule);
      if (rule.error !== undefined) {
        const at = rule.tokens.length > 0 ? rule.tokens[rule.tokens.length - 1]!.keySpan : span;
        diagnostics.push({ line: line.number, severity: 'error', message: rule.error, span: at });
      }
    }
    reset();
  }
  if (firstLine !== undefined) {
    const last = lines[lines.length - 1]!;
    diagnostics.push({ line: last.number, severity: 'warning', message: 'the file ends inside a continued rule (a final backslash): udev drops that rule', span: { start: firstLine.start, end: last.contentEnd } });
  }
  return { text, lines, rules, diagnostics };
}

/** Where a line's bytes begin in the joined rule (`at`) and in the file (`from`). */
interface Segment {
  readonly at: number;
  readonly from: number;
}

/** The file offset of byte `i` of a joined rule (past its end: one after its last byte). */
function sourceOffset(segments: readonly Segment[], length: number, i: number): number {
  if (i >= length) return sourceOffset(segments, length, length - 1) + 1;
  // The last segment that begins at or before i: most rules are one line, one segment.
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (segments[middle]!.at <= i) low = middle;
    else high = middle - 1;
  }
  const segment = segments[low]!;
  return segment.from + (i - segment.at);
}

/**
 * A token whose value has no \\": each byte of its value is the joined rule's
 * byte at the same place, so its origins are worked out only when asked
 * (a rewrite asks for the tokens it changes; most are never asked about).
 */
class VerbatimToken implements UdevToken {
  readonly #from: number;
  readonly #source: (i: number) => number;
  #origins: number[] | undefined;
  #originEnds: number[] | undefined;
  constructor(
    readonly key: string,
    readonly keySpan: Span,
    readonly attr: string | null,
    readonly op: UdevOperator,
    readonly prefix: string,
    readonly value: string,
    readonly valueSpan: Span,
    from: number,
    source: (i: number) => number,
  ) {
    this.#from = from;
    this.#source = source;
  }
  /** Made once, when first asked: a caller may index them once per byte. */
  get origins(): number[] {
    return (this.#origins ??= Array.from({ length: this.value.length }, (_, j) => this.#source(this.#from + j)));
  }
  get originEnds(): number[] {
    return (this.#originEnds ??= this.origins.map((origin) => origin + 1));
  }
}

function parseRule(joined: string, segments: readonly Segment[], firstLine: number, lastLine: number, span: { start: number; end: number }, version: number): UdevRule {
  const tokens: UdevToken[] = [];
  const source = (i: number): number => sourceOffset(segments, joined.length, i);
  const fail = (error: string): UdevRule => ({ firstLine, line: lastLine, span, tokens, error });
  let p = 0;
  for (;;) {
    while (p < joined.length && (isWhitespace(joined[p]) || joined[p] === ',')) p++;
    if (p >= joined.length) break;
    const keyStart = p;
    let k = p;
    for (;; k++) {
      if (k >= joined.length) return fail('invalid key/value pair: no operator after the key');
      const c = joined[k]!;
      if (isWhitespace(c) || c === '=' || c === '{') break;
      if ('+-!:'.includes(c) && joined[k + 1] === '=') break;
    }
    const key = joined.slice(keyStart, k);
    let attr: string | null = null;
    let t = k;
    if (joined[k] === '{') {
      const close = joined.indexOf('}', k + 1);
      if (close < 0) return fail(`invalid key/value pair: '{' after ${key} is never closed`);
      attr = joined.slice(k + 1, close);
      t = close + 1;
    }
    while (t < joined.length && isWhitespace(joined[t])) t++;
    const op = OPERATORS.find((o) => joined.startsWith(o, t));
    if (!op) return fail(`invalid key/value pair: no operator after ${key}`);
    t += op.length;
    while (t < joined.length && isWhitespace(joined[t])) t++;
    const valueStart = t;
    let prefix = '';
    if (version >= CASE_PREFIX_SINCE) {
      while (t < valueStart + 2 && joined[t] !== '"' && t < joined.length) {
        const c = joined[t]!;
        if ((c !== 'e' && c !== 'i') || prefix.includes(c)) return fail(`invalid value of ${key}: it must be in double quotes`);
        prefix += c;
        t++;
      }
    } else if (joined[t] === 'e') {
      prefix = 'e';
      t++;
    }
    if (joined[t] !== '"') return fail(`invalid value of ${key}: it must be in double quotes`);
    const keySpan = k > keyStart ? { start: source(keyStart), end: source(k - 1) + 1 } : { start: source(keyStart), end: source(keyStart) };
    // The usual value: no e prefix and no \" inside, so it is the bytes up to the next quote, as written.
    const close = prefix.includes('e') ? -1 : joined.indexOf('"', t + 1);
    if (close !== -1 && joined[close - 1] !== '\\') {
      p = close + 1;
      const token = new VerbatimToken(key, keySpan, attr, op, prefix, joined.slice(t + 1, close), { start: source(valueStart), end: source(close) + 1 }, t + 1, source);
      tokens.push(token);
      const problem = tokenProblem(token, version);
      if (problem) return fail(problem);
      continue;
    }
    let value = '';
    const origins: number[] = [];
    const originEnds: number[] = [];
    let i = t + 1;
    if (!prefix.includes('e')) {
      for (; joined[i] !== '"'; i++) {
        if (i >= joined.length) return fail(`invalid value of ${key}: the closing quote is missing`);
        const from = i;
        if (joined[i] === '\\' && joined[i + 1] === '"') i++;
        value += joined[i];
        origins.push(source(from));
        originEnds.push(source(i) + 1);
      }
    } else {
      let end = t + 1;
      for (; joined[end] !== '"'; end++) {
        if (joined[end] === '\\') end++;
        if (end >= joined.length) return fail(`invalid value of ${key}: the closing quote is missing`);
      }
      while (i < end) {
        if (joined[i] !== '\\') {
          value += joined[i];
          origins.push(source(i));
          originEnds.push(source(i) + 1);
          i++;
          continue;
        }
        const escape = decodeEscape(joined, i + 1);
        if (!escape || i + 1 + escape.length > end) return fail(`invalid value of ${key}: bad escape '\\${joined[i + 1] ?? ''}' in an e"…" value`);
        for (const b of escape.bytes) {
          value += b;
          origins.push(source(i));
          originEnds.push(source(i + escape.length) + 1);
        }
        i += 1 + escape.length;
      }
      i = end;
    }
    p = i + 1;
    const token: UdevToken = {
      key,
      keySpan,
      attr,
      op,
      prefix,
      value,
      valueSpan: { start: source(valueStart), end: source(i) + 1 },
      origins,
      originEnds,
    };
    tokens.push(token);
    const problem = tokenProblem(token, version);
    if (problem) return fail(problem);
  }
  return { firstLine, line: lastLine, span, tokens };
}

/**
 * The faults for which udev drops the whole rule, for the keys that run
 * programs and for unknown keys (parse_token in udev-rules.c). The checks of
 * other keys' operators and attributes are not modelled.
 */
function tokenProblem(token: UdevToken, version: number): string | undefined {
  const { key, attr, op } = token;
  const isMatch = op === '==' || op === '!=';
  if (!KNOWN_KEYS.has(key)) return `unknown key '${key}'`;
  switch (key) {
    case 'RUN':
      if (isMatch || op === '-=') return `RUN does not take '${op}'`;
      if (attr !== null && attr !== 'program' && attr !== 'builtin') return `RUN{${attr}} is not RUN{program} or RUN{builtin}`;
      if (attr === 'builtin' && !namesBuiltin(token.value, version)) return `unknown built-in command '${token.value}'`;
      return undefined;
    case 'PROGRAM':
      if (attr !== null) return 'PROGRAM takes no {attribute}';
      if (op === '-=') return "PROGRAM does not take '-='";
      return undefined;
    case 'IMPORT':
      if (attr === null || attr === '' || !IMPORT_KINDS.has(attr)) return `IMPORT needs one of {${[...IMPORT_KINDS].join(',')}}`;
      if (op === '-=') return "IMPORT does not take '-='";
      if (attr === 'builtin' && !namesBuiltin(token.value, version)) return `unknown built-in command '${token.value}'`;
      return undefined;
    default:
      return undefined;
  }
}
