import { isSystemdWhitespace } from '../../text/systemd-lines.js';
import { extractWord, skipWhitespace, type Word, type WordError } from '../../text/extract-word.js';

/**
 * The prefixes systemd accepts before the executable (systemd.service(5),
 * "Command lines"; src/core/load-fragment.c config_parse_exec):
 * '-' ignore failure, '@' next word is argv[0], ':' no environment expansion,
 * '+' full privileges (v231), '!' and '!!' no setuid (v235; '!!' is only a
 * notice since v258), '|' run through the user's shell (v258). Each at most
 * once, in any order; '+' excludes '!'/'!!'.
 */
export interface CommandPrefixes {
  readonly ignoreFailure: boolean;
  readonly separateArgv0: boolean;
  readonly noEnvironmentExpansion: boolean;
  readonly fullPrivileges: boolean;
  readonly noSetuid: boolean;
  readonly ambientMagic: boolean;
  readonly viaShell: boolean;
}

export interface CommandLine {
  /** The prefix characters as written, e.g. "-@". */
  readonly prefixText: string;
  readonly prefixes: CommandPrefixes;
  /** The first word: prefixes and executable. */
  readonly first: Word;
  /** Offset in first.value where the executable starts (after the prefixes). */
  readonly pathOffset: number;
  /** The executable as systemd reads it, a byte string. */
  readonly path: string;
  /** The word given as argv[0] with '@'. */
  readonly argv0: Word | undefined;
  /** The arguments after the executable (and after argv[0] with '@'). */
  readonly args: readonly Word[];
  /** Offsets of the whole command in the value. */
  readonly start: number;
  readonly end: number;
}

export interface CommandLineError extends WordError {}

export interface ParsedCommandLines {
  readonly commands: readonly CommandLine[];
  /** Set when systemd would reject the value; commands before it are kept. */
  readonly error: CommandLineError | undefined;
}

const NO_PREFIXES: CommandPrefixes = Object.freeze({
  ignoreFailure: false,
  separateArgv0: false,
  noEnvironmentExpansion: false,
  fullPrivileges: false,
  noSetuid: false,
  ambientMagic: false,
  viaShell: false,
});

const PREFIX_CHARS = '-@:|+!';

function readPrefixes(value: string): { prefixes: CommandPrefixes; length: number } {
  // Most commands have no prefix: share one answer rather than build it.
  if (value.length === 0 || !PREFIX_CHARS.includes(value[0]!)) return { prefixes: NO_PREFIXES, length: 0 };
  const flags = { ...NO_PREFIXES };
  let i = 0;
  for (; i < value.length; i++) {
    const c = value[i];
    const privileged = flags.fullPrivileges || flags.noSetuid || flags.ambientMagic;
    if (c === '-' && !flags.ignoreFailure) flags.ignoreFailure = true;
    else if (c === '@' && !flags.separateArgv0) flags.separateArgv0 = true;
    else if (c === ':' && !flags.noEnvironmentExpansion) flags.noEnvironmentExpansion = true;
    else if (c === '|' && !flags.viaShell) flags.viaShell = true;
    else if (c === '+' && !privileged) flags.fullPrivileges = true;
    else if (c === '!' && !privileged) flags.noSetuid = true;
    else if (c === '!' && !flags.fullPrivileges && !flags.ambientMagic) {
      flags.noSetuid = false;
      flags.ambientMagic = true;
    } else break;
  }
  return { prefixes: flags, length: i };
}

/**
 * The checks config_parse_exec() makes on the executable (systemd 252):
 * string_is_safe(), no trailing '/', and a valid absolute path or file
 * name. Paths with specifiers are checked by systemd only after expansion,
 * so they are not judged here.
 */
function invalidExecutable(path: string): string | undefined {
  if (path.includes('%')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\x01-\x1f"'\\\x7f]/.test(path)) return 'the executable name contains special characters (control characters, quotes or backslashes)';
  if (path.endsWith('/')) return 'the executable path names a directory';
  if (path.startsWith('/')) {
    if (path.length >= 4096 || (path.length > 255 && path.split('/').some((part) => part.length > 255))) return 'the executable path is too long';
  } else if (path === '.' || path === '..' || path.includes('/') || path.length > 255) {
    return 'the executable is neither an absolute path nor a plain file name';
  }
  return undefined;
}

function isLoneSemicolon(text: string, at: number): boolean {
  return text[at] === ';' && (at + 1 >= text.length || isSystemdWhitespace(text.charCodeAt(at + 1)));
}

function escapedSemicolonWord(at: number): Word {
  return { start: at, end: at + 2, value: ';', origins: [at], originEnds: [at + 2], quotes: [0], plain: false };
}

/**
 * Splits a command-line value (a byte string, as in AssignmentNode.rawValue)
 * into commands the way config_parse_exec() does in systemd 252: words are
 * unquoted and unescaped, a lone ';' separates commands, '\;' is a literal
 * ';' argument. Specifiers (%i) and variables ($FOO, ${FOO}) are kept as
 * written: they are expanded at run time.
 */
export function parseCommandLines(text: string): ParsedCommandLines {
  const commands: CommandLine[] = [];
  let pos = skipWhitespace(text, 0);
  let semicolon: boolean;
  do {
    semicolon = false;
    const firstResult = extractWord(text, pos);
    if (firstResult === null) break;
    if ('error' in firstResult) return { commands, error: firstResult.error };
    const first = firstResult.word;
    pos = firstResult.next;
    if (first.value === ';') {
      semicolon = true;
      continue;
    }
    const { prefixes, length } = readPrefixes(first.value);
    const path = first.value.slice(length);
    if (path === '' && !prefixes.viaShell) {
      return { commands, error: { message: 'empty executable path after the prefixes', offset: first.start } };
    }
    const invalid = prefixes.viaShell ? undefined : invalidExecutable(path);
    if (invalid) return { commands, error: { message: invalid, offset: first.start } };
    const args: Word[] = [];
    let end = first.end;
    while (pos < text.length) {
      if (isLoneSemicolon(text, pos)) {
        pos = skipWhitespace(text, pos + 1);
        semicolon = true;
        break;
      }
      if (text[pos] === '\\' && isLoneSemicolon(text, pos + 1)) {
        args.push(escapedSemicolonWord(pos));
        end = pos + 2;
        pos = skipWhitespace(text, pos + 2);
        continue;
      }
      const result = extractWord(text, pos);
      if (result === null) break;
      if ('error' in result) return { commands, error: result.error };
      args.push(result.word);
      end = result.word.end;
      pos = result.next;
    }
    let argv0: Word | undefined;
    if (prefixes.separateArgv0) {
      argv0 = args.shift();
      if (!argv0) return { commands, error: { message: "'@' needs a word for argv[0] after the executable", offset: first.start } };
    }
    commands.push({
      prefixText: first.value.slice(0, length),
      prefixes,
      first,
      pathOffset: length,
      path,
      argv0,
      args,
      start: first.start,
      end,
    });
  } while (semicolon);
  return { commands, error: undefined };
}
