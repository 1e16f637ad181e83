import { toByteString } from '../../text/bytes.js';
import type { Span } from '../../text/span.js';
import type { PhysicalLine } from '../../text/systemd-lines.js';
import { parseExecArgv } from './exec-argv.js';
import { SERVICE_GROUP, type DbusDiagnostic, type DbusEntry, type DbusGroupHeader, type DbusNode, type DbusService, type DbusServiceFile } from './model.js';

/** dbus-daemon refuses activation files larger than this (bus_desktop_file_load). */
export const MAX_SERVICE_FILE_BYTES = 128 * 1024;

/** Bytes of a key: ASCII letters, digits and '-' (dbus-daemon's table; '.' and '_' only in locales). */
const KEY_BYTE = /[A-Za-z0-9-]/;
/** What dbus-daemon counts as blank when deciding whether a line is empty (not '\n': that ends the scan). */
const BLANK_BYTES = ' \t\r\f';

/**
 * Parses a D-Bus activation file (share/dbus-1/services/*.service) the way
 * dbus-daemon reads it (bus/desktop-file.c and update_desktop_file_entry in
 * bus/activation.c, dbus 1.14): lines end at \n, \r\n or a lone \r; '#'
 * comments only at the very start of a line; '[Group]' headers; `Key=Value`
 * with spaces (not tabs) around '=', keys of letters, digits and '-',
 * `Key[locale]=` lines skipped; values unescaped (\s \t \n \r \\, anything
 * else refuses the file). The first group of a name and the first of a key
 * win. Exec= is split by dbus's own argv splitter (exec-argv.ts). Lossless:
 * one node per line; never throws; linear in the input.
 */
export function parseDbusService(input: Uint8Array): DbusServiceFile {
  const source = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const text = toByteString(source);
  const lines = splitDbusLines(text);
  const nodes: DbusNode[] = [];
  const groups: DbusGroupHeader[] = [];
  const entries: DbusEntry[] = [];
  const diagnostics: DbusDiagnostic[] = [];
  const diagnose = (severity: DbusDiagnostic['severity'], line: number, span: Span, message: string): DbusDiagnostic => {
    const diagnostic = { severity, message, line, span };
    diagnostics.push(diagnostic);
    return diagnostic;
  };

  if (source.length > MAX_SERVICE_FILE_BYTES) {
    diagnose('error', 1, { start: 0, end: source.length }, `the file is ${source.length} bytes; dbus-daemon skips activation files over ${MAX_SERVICE_FILE_BYTES} bytes`);
  }
  const badByte = firstInvalidUtf8(source);
  if (badByte !== undefined) {
    const line = lines.find((l) => badByte < l.end) ?? lines[lines.length - 1];
    diagnose('error', line?.number ?? 1, { start: badByte, end: badByte + 1 }, `${source[badByte] === 0 ? 'a NUL byte' : 'invalid UTF-8'} at byte ${badByte}; dbus-daemon skips the file`);
  }

  const blank = blankLineTest(text);
  for (const line of lines) {
    // A line is a span (start, end): shared rather than copied, files can have millions of lines.
    const span: Span = line;
    const invalid = (message: string) => nodes.push({ type: 'invalid', span, line: line.number, diagnostic: diagnose('error', line.number, span, `dbus-daemon skips the file: ${message}`) });
    const first = text[line.start];
    if (first === '[') {
      const name = text.slice(line.start + 1, line.contentEnd - 1);
      if (line.contentEnd - line.start <= 2 || text[line.contentEnd - 1] !== ']') invalid('a group header must be [Name]');
      // eslint-disable-next-line no-control-regex
      else if (/[\x00-\x1f\x7f-\xff[\]]/.test(name)) invalid(`the group name '${name}' has a control, non-ASCII, '[' or ']' byte`);
      else {
        const group: DbusGroupHeader = { type: 'group', span, line: line.number, name };
        nodes.push(group);
        groups.push(group);
      }
      continue;
    }
    if (blank(line.start)) {
      nodes.push({ type: 'blank', span, line: line.number });
      continue;
    }
    if (first === '#') {
      nodes.push({ type: 'comment', span, line: line.number });
      continue;
    }
    if (groups.length === 0) {
      invalid('a setting before the first [Group] header (comments must start the line with #)');
      continue;
    }
    const entry = parseEntry(text, line, groups.length - 1);
    if (typeof entry === 'string') invalid(entry);
    else {
      nodes.push(entry);
      entries.push(entry);
    }
  }

  // Errors so far make dbus-daemon skip the file; so do a missing group, Name= or Exec= (serviceOf).
  let loads = diagnostics.length === 0;
  let service: DbusService = { group: groups.find((g) => g.name === SERVICE_GROUP) };
  if (loads) ({ service, loads } = serviceOf(groups, entries, diagnose));
  return { source, text, lines, nodes, groups, entries, service, loads, diagnostics };
}

function parseEntry(text: string, line: PhysicalLine, group: number): DbusEntry | string {
  const end = line.contentEnd;
  let p = line.start;
  while (p < end && KEY_BYTE.test(text[p]!)) p++;
  const keySpan = { start: line.start, end: p };
  const key = text.slice(line.start, p);
  if (key === '') return `a line that is neither a comment (# at its very start), a [Group] nor Key=Value`;
  const base = { type: 'entry' as const, span: line as Span, line: line.number, key, keySpan, group };
  if (text[p] === '[' && p < end) return { ...base, localized: true, valueSpan: { start: end, end }, value: undefined };
  while (p < end && text[p] === ' ') p++;
  if (p === end) return `no '=' after the key ${key}`;
  if (text[p] !== '=') return `the key ${key} is followed by '${text[p]}' (keys are letters, digits and '-')`;
  p++;
  while (p < end && text[p] === ' ') p++;
  const raw = text.slice(p, end);
  const valueSpan = { start: p, end };
  if (!raw.includes('\\')) {
    if (raw.includes('\0')) return `a NUL byte in the value of ${key}`;
    return { ...base, localized: false, valueSpan, value: raw };
  }
  const unescaped = unescapeValue(raw, p);
  if (typeof unescaped === 'string') return `${unescaped} in the value of ${key}`;
  return { ...base, localized: false, valueSpan, value: unescaped.value, origins: unescaped.origins };
}

const ESCAPES: Readonly<Record<string, string>> = { s: ' ', t: '\t', n: '\n', r: '\r', '\\': '\\' };

/** The desktop-file escapes dbus-daemon knows; anything else is an error message. */
function unescapeValue(raw: string, offset: number): { value: string; origins: number[] } | string {
  let value = '';
  const origins: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\0') return 'a NUL byte';
    if (c !== '\\') {
      value += c;
      origins.push(offset + i);
      continue;
    }
    if (i + 1 >= raw.length) return 'a backslash at the end';
    const replacement = ESCAPES[raw[i + 1]!];
    if (replacement === undefined) return `the escape \\${raw[i + 1]} (only \\s \\t \\n \\r \\\\ exist)`;
    value += replacement;
    origins.push(offset + i);
    i++;
  }
  return { value, origins };
}

/** What activation.c takes from a loaded file, and what it would refuse or ignore. */
function serviceOf(
  groups: readonly DbusGroupHeader[],
  entries: readonly DbusEntry[],
  diagnose: (severity: DbusDiagnostic['severity'], line: number, span: Span, message: string) => DbusDiagnostic,
): { service: DbusService; loads: boolean } {
  const index = groups.findIndex((g) => g.name === SERVICE_GROUP);
  if (index < 0) {
    diagnose('error', 1, { start: 0, end: 0 }, `no [${SERVICE_GROUP}] group: dbus-daemon skips the file`);
    return { service: { group: undefined }, loads: false };
  }
  const group = groups[index]!;
  for (const other of groups.slice(index + 1)) {
    if (other.name === SERVICE_GROUP) diagnose('warning', other.line, other.span, `a second [${SERVICE_GROUP}] group: dbus-daemon reads only the first`);
  }
  const first = new Map<string, DbusEntry>();
  for (const entry of entries) {
    if (entry.group !== index || entry.localized) continue;
    const earlier = first.get(entry.key);
    if (earlier) diagnose('warning', entry.line, entry.span, `${entry.key}= is repeated: dbus-daemon uses the first, on line ${earlier.line}`);
    else first.set(entry.key, entry);
  }
  const name = first.get('Name');
  const exec = first.get('Exec');
  if (!name) diagnose('error', group.line, group.span, `no Name= in [${SERVICE_GROUP}]: dbus-daemon skips the file`);
  if (!exec) diagnose('error', group.line, group.span, `no Exec= in [${SERVICE_GROUP}]: dbus-daemon skips the file`);
  const argv = exec?.value !== undefined ? parseExecArgv(exec.value) : undefined;
  if (exec && argv && !argv.ok) diagnose('error', exec.line, exec.valueSpan, `dbus-daemon cannot split Exec= (${argv.message}); activation fails`);
  if (exec && argv?.ok && argv.words[0]!.value === '') diagnose('error', exec.line, exec.valueSpan, 'Exec= names no program; activation fails');
  const optional = <K extends string>(key: string, field: K) => (first.has(key) ? ({ [field]: first.get(key)! } as Record<K, DbusEntry>) : {});
  const service: DbusService = {
    group,
    ...(name ? { name } : {}),
    ...(exec ? { exec } : {}),
    ...optional('User', 'user'),
    ...optional('SystemdService', 'systemdService'),
    ...optional('AssumedAppArmorLabel', 'assumedAppArmorLabel'),
    ...(argv ? { argv } : {}),
  };
  return { service, loads: name !== undefined && exec !== undefined };
}

/** Lines as dbus-daemon's _dbus_string_find_eol ends them: at \r\n, \r or \n. */
export function splitDbusLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  let number = 1;
  while (start < text.length) {
    let i = start;
    for (let c = text.charCodeAt(i); i < text.length && c !== 0x0a && c !== 0x0d; c = text.charCodeAt(++i));
    const end = i >= text.length ? i : text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
    lines.push({ number: number++, start, contentEnd: i, end });
    start = end;
  }
  return lines;
}

/**
 * dbus-daemon decides a line is blank by scanning from its start to the next
 * \n (past a lone \r that ended the line) for anything but blanks. Each scan
 * remembers where it stopped, so the scans of a file cost linear time.
 */
function blankLineTest(text: string): (start: number) => boolean {
  let from = -1;
  let stop = -1;
  return (start) => {
    if (!(start >= from && start <= stop)) {
      let i = start;
      while (i < text.length && BLANK_BYTES.includes(text[i]!)) i++;
      from = start;
      stop = i;
    }
    return stop >= text.length || text[stop] === '\n' || text[stop] === '\0';
  };
}

/** The first byte that is not part of strict UTF-8 (NUL included), as dbus validates it; undefined when all are. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0) return i;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    let cp = b & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += length;
  }
  return undefined;
}
