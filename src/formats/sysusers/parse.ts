import { extractColumns, type ColumnLine } from '../../text/column-lines.js';
import { column, parseColumnFile, type EntryResult } from '../column-file.js';
import { DEFAULT_DIALECT, type SystemdDialect } from '../systemd-version.js';

/** 'u!' (a fully locked account) is read since v257. */
const LOCKED_USER_SINCE = 257;
import type { SysusersFields, SysusersFile } from './model.js';

/** systemd's strict valid_user_group_name(): POSIX-ish, at most 31 characters (specifiers are not judged). */
function isValidName(name: string): boolean {
  if (name.includes('%')) return true;
  return name.length <= 31 && /^[A-Za-z_][A-Za-z0-9_-]*\$?$/.test(name) && !/^\d+$/.test(name);
}

function isValidPathField(value: string): boolean {
  return value.includes('%') || (value.startsWith('/') && !/[:\n]/.test(value));
}

/**
 * Parses a sysusers.d(5) file the way systemd-sysusers reads it (parse_line in
 * src/sysusers/sysusers.c, systemd 252, plus the 'u!' of v257): six
 * unquoted columns, nothing after them. Lossless, never throws.
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
  if (modifiers !== '' && !(letter === 'u' && modifiers === '!' && version >= LOCKED_USER_SINCE)) return { error: `unknown modifier '${modifiers}'` };
  const name = column(nameWord);
  const id = column(idWord);
  const gecos = column(gecosWord);
  const home = column(homeWord);
  const shell = column(shellWord);
  if (name?.value && !isValidName(name.value)) return { error: `'${name.value}' is not a valid user or group name` };
  if (gecos?.value && /[:\n]/.test(gecos.value)) return { error: `'${gecos.value}' is not a valid GECOS field` };
  if (home?.value && !isValidPathField(home.value)) return { error: `'${home.value}' is not a valid home directory` };
  if (shell?.value && !isValidPathField(shell.value)) return { error: `'${shell.value}' is not a valid login shell` };
  const extra = gecos?.value ? 'GECOS' : home?.value ? 'home directory' : shell?.value ? 'login shell' : undefined;
  switch (letter) {
    case 'r':
      if (name?.value) return { error: "'r' lines take no name" };
      if (!id?.value) return { error: "'r' lines need an ID range" };
      if (extra) return { error: `'r' lines take no ${extra}` };
      break;
    case 'm':
      if (!name?.value) return { error: "'m' lines need a user name" };
      if (!id?.value) return { error: "'m' lines need a group name" };
      if (!isValidName(id.value)) return { error: `'${id.value}' is not a valid user or group name` };
      if (extra) return { error: `'m' lines take no ${extra}` };
      break;
    case 'g':
      if (!name?.value) return { error: "'g' lines need a group name" };
      if (extra) return { error: `'g' lines take no ${extra}` };
      break;
    default:
      if (!name?.value) return { error: "'u' lines need a user name" };
  }
  return { fields: { action, letter, modifiers, name, id, gecos, home, shell }, warnings: [] };
}
