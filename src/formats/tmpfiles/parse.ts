import { cunescape } from '../../text/extract-word.js';
import { COLUMN_WORDS, extractColumns, type ColumnLine } from '../../text/column-lines.js';
import { DEFAULT_DIALECT, type SystemdDialect } from '../systemd-version.js';
import { column, parseColumnFile, type EntryResult } from '../column-file.js';
import {
  ARGUMENT_REQUIRED_TYPES,
  COLUMNS_CUNESCAPED_SINCE,
  LINE_TYPES,
  MODIFIERS,
  NO_ARGUMENT_TYPES,
  NO_BASE64_TYPES,
  UNESCAPED_ARGUMENT_TYPES,
} from './line-types.js';
import type { ArgumentColumn, TmpfilesFields, TmpfilesFile } from './model.js';
import { ageProblem } from './age-column.js';
import { modeProblem } from './mode-column.js';
import { ownerProblem, type Accounts } from './owner-column.js';

/**
 * Parses a tmpfiles.d(5) file the way systemd-tmpfiles reads it
 * (read_config_file and parse_line in src/tmpfiles/tmpfiles.c): the first six
 * columns unquoted (and C-unescaped since v254), the rest of the line the
 * Argument, C escapes in the Argument of C, L, f, F and w. Modifiers newer
 * than the dialect's version are refused, as that systemd would. Mode, User,
 * Group and Age are checked as it reads them; user and group names only
 * against `accounts` when the target system's are known. Lossless: one node
 * per physical line; never throws.
 */
export function parseTmpfiles(input: Uint8Array, dialect: SystemdDialect = DEFAULT_DIALECT, accounts?: Accounts): TmpfilesFile {
  return parseColumnFile(input, (text, line) => parseEntry(text, line, dialect.systemdVersion, accounts));
}

function parseEntry(text: string, cl: ColumnLine, version: number, accounts: Accounts | undefined): EntryResult<TmpfilesFields> {
  const wordOptions = { ...COLUMN_WORDS, cunescape: version >= COLUMNS_CUNESCAPED_SINCE };
  const columns = extractColumns(text, cl.start, cl.end, 6, wordOptions);
  if ('error' in columns) return { error: `cannot split the line: ${columns.error.message}` };
  const [action, path, mode, user, group, age] = columns.words;
  if (!action || !path) return { error: 'a line needs at least a type and a path' };
  const letter = action.value[0] ?? '';
  const modifiers = action.value.slice(1);
  if (letter === '') return { error: 'empty type column' };
  const seen = new Set<string>();
  for (const m of modifiers) {
    const known = MODIFIERS[m];
    if (!known || seen.has(m) || known.since > version) return { error: `unknown or repeated modifier '${m}' in '${action.value}'` };
    seen.add(m);
  }
  if (!LINE_TYPES.has(letter)) return { error: `unknown line type '${letter}'` };
  if (!path.value.includes('%') && !path.value.startsWith('/')) return { error: `path '${path.value}' is not absolute` };

  const warnings: string[] = [];
  const rawRest = text.slice(columns.rest, cl.end);
  let argument: ArgumentColumn | null = null;
  if (rawRest !== '' && rawRest !== '-') {
    let value = rawRest;
    if (UNESCAPED_ARGUMENT_TYPES.has(letter) && !seen.has('~')) {
      const unescaped = cunescape(rawRest);
      if (unescaped === undefined) return { error: `invalid escape in the argument '${rawRest}'` };
      value = unescaped;
    }
    argument = { start: columns.rest, end: cl.end, raw: rawRest, value };
  }
  if (seen.has('~') && NO_BASE64_TYPES.has(letter)) return { error: `'${letter}' lines cannot take a base64 ('~') argument` };
  if (ARGUMENT_REQUIRED_TYPES.has(letter) && !argument) return { error: `'${letter}' lines need an argument` };
  if (seen.has('^') && !argument) return { error: "'^' needs a credential name as argument" };
  if ((letter === 'c' || letter === 'b') && argument && !/^\d+:\d+$/.test(argument.value)) {
    return { error: `'${argument.value}' is not a device number (major:minor)` };
  }
  if (letter === 'C' && argument && !argument.value.includes('%') && !argument.value.startsWith('/')) {
    return { error: `copy source '${argument.value}' is not absolute` };
  }
  if (NO_ARGUMENT_TYPES.has(letter) && argument) warnings.push(`'${letter}' lines take no argument; it is ignored`);
  if (path.value.startsWith('/var/run/')) warnings.push(`'${path.value}' is read as /run/${path.value.slice(9)}`);

  const fields = {
    action: column(action)!,
    letter,
    modifiers,
    path: column(path)!,
    mode: column(mode),
    user: column(user),
    group: column(group),
    age: column(age),
    argument,
  };
  // In systemd's order: user, group, mode, age.
  for (const kind of ['user', 'group'] as const) {
    const value = fields[kind]?.value;
    const problem = value == null ? undefined : ownerProblem(kind, value, version, accounts);
    if (problem && 'error' in problem) return { error: problem.error };
    if (problem) warnings.push(problem.warning);
  }
  const modeError = fields.mode?.value == null ? undefined : modeProblem(fields.mode.value, version);
  if (modeError) return { error: modeError };
  const ageError = fields.age?.value == null ? undefined : ageProblem(fields.age.value, version);
  if (ageError) return { error: ageError };
  return { fields, warnings };
}
