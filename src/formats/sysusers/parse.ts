import { extractColumns, type ColumnLine } from '../../text/column-lines.js';
import { column, parseColumnFile, type Column, type EntryResult } from '../column-file.js';
import { DEFAULT_DIALECT, type SystemdDialect } from '../systemd-version.js';
import { isValidAccountName } from './account-name.js';
import { groupIdProblem, rangeProblem, userIdProblem } from './id-column.js';
import type { SysusersFields, SysusersFile } from './model.js';
import { gecosProblem, passwdPathProblem } from './passwd-fields.js';
import { expandSpecifiers, KNOWN_SPECIFIERS, type Expansion } from './specifiers.js';

/** 'u!' (a fully locked account) is read since v257. */
const LOCKED_USER_SINCE = 257;
/** specifier_printf() refuses an ID column (of any type) longer than PATH_MAX - 1, right after the name. */
const MAX_ID_LENGTH = 4095;
/** What valid_user_group_name() takes, for the messages. */
const nameRule = "an ASCII letter or '_', then letters, digits, '_' or '-', at most 31";

/** A column's value with its specifiers expanded (see expandSpecifiers); undefined for an empty column. */
function expanded(c: Column | null): Expansion | undefined {
  return c?.value ? expandSpecifiers(c.value) : undefined;
}

/**
 * A column's problem, in systemd's order: its specifiers expanded, then the
 * value judged; a value with a specifier whose expansion depends on the
 * system (the host name, the OS release…) is not judged.
 */
function checked(expansion: Expansion | undefined, problem: (value: string) => string | undefined): string | undefined {
  if (expansion === undefined) return undefined;
  if ('unknown' in expansion) return `unknown specifier '%${expansion.unknown}': sysusers knows ${KNOWN_SPECIFIERS}`;
  return 'value' in expansion ? problem(expansion.value) : undefined;
}

/**
 * Parses a sysusers.d(5) file the way systemd-sysusers reads it (parse_line in
 * src/sysusers/sysusers.c, systemd 252 to 258: 'u!' and the refused shell
 * '/' since 257): six unquoted columns, nothing after them; each column
 * checked in systemd's order (name, ID length, GECOS, home, shell, then what
 * the type asks of the others, then the ID). Lossless, never throws.
 */
export function parseSysusers(input: Uint8Array, dialect: SystemdDialect = DEFAULT_DIALECT): SysusersFile {
  return parseColumnFile(input, (text, line) => parseEntry(text, line, dialect.systemdVersion));
}

function parseEntry(text: string, cl: ColumnLine, version: number): EntryResult<SysusersFields> {
  const columns = extractColumns(text, cl.start, cl.end, 6);
  if ('error' in columns) return { error: `cannot split the line: ${columns.error.message}` };
  if (columns.words.length < 2) return { error: 'a line needs at least a type and a name column' };
  if (columns.rest < cl.end) return { error: 'text after the sixth column' };
  const [actionWord, nameWord, idWord, gecosWord, homeWord, shellWord] = columns.words;
  const action = column(actionWord)!;
  const letter = actionWord!.value[0] ?? '';
  const modifiers = actionWord!.value.slice(1);
  if (!['u', 'g', 'm', 'r'].includes(letter)) return { error: `unknown line type '${letter}'` };
  if (modifiers !== '' && !(modifiers === '!' && version >= LOCKED_USER_SINCE)) return { error: `unknown modifier '${modifiers}'` };
  if (modifiers !== '' && letter !== 'u') return { error: `the '!' modifier is only for 'u' lines` };
  const fields = { action, letter, modifiers, name: column(nameWord), id: column(idWord), gecos: column(gecosWord), home: column(homeWord), shell: column(shellWord) };
  const problem = columnProblem(fields, version);
  return problem ? { error: problem } : { fields, warnings: [] };
}

function columnProblem(f: SysusersFields, version: number): string | undefined {
  const idExpansion = expanded(f.id);
  const problem =
    checked(expanded(f.name), (name) => (isValidAccountName(name) ? undefined : `'${name}' is not a valid user or group name: ${nameRule}`)) ??
    checked(idExpansion, (id) => (id.length > MAX_ID_LENGTH ? `the ID column is longer than ${MAX_ID_LENGTH} bytes` : undefined)) ??
    checked(expanded(f.gecos), gecosProblem) ??
    checked(expanded(f.home), (home) => passwdPathProblem('home directory', home, version)) ??
    checked(expanded(f.shell), (shell) => passwdPathProblem('login shell', shell, version));
  if (problem) return problem;
  // The ID column as expanded, when that does not depend on the system.
  const id = idExpansion && 'value' in idExpansion ? idExpansion.value : undefined;
  const extra = f.gecos?.value ? 'GECOS' : f.home?.value ? 'home directory' : f.shell?.value ? 'login shell' : undefined;
  switch (f.letter) {
    case 'r':
      if (f.name?.value) return "'r' lines take no name";
      if (!f.id?.value) return "'r' lines need an ID range";
      if (extra) return `'r' lines take no ${extra}`;
      return id === undefined ? undefined : rangeProblem(id);
    case 'm':
      if (!f.name?.value) return "'m' lines need a user name";
      if (!f.id?.value) return "'m' lines need a group name";
      if (id !== undefined && !isValidAccountName(id)) return `'${id}' is not a valid user or group name: ${nameRule}`;
      if (extra) return `'m' lines take no ${extra}`;
      return undefined;
    case 'g':
      if (!f.name?.value) return "'g' lines need a group name";
      if (extra) return `'g' lines take no ${extra}`;
      return id === undefined ? undefined : groupIdProblem(id);
    default:
      if (!f.name?.value) return "'u' lines need a user name";
      return id === undefined ? undefined : userIdProblem(id);
  }
}
