/**
 * How dbus-daemon turns an Exec= value into the argv it passes to execve()
 * (dbus/dbus-shell.c, _dbus_shell_parse_argv, dbus 1.14): a subset of sh word
 * splitting with its own quirks, which differ from both sh and systemd:
 *
 * - words split at unquoted space, tab and newline; every unquoted newline
 *   ends a word, even an empty one, and so does the end of the value, so a
 *   value ending in a blank or a newline gets an empty last argument;
 * - an unquoted '#' anywhere (not only at a word's start) drops the rest up to
 *   the next newline, and that newline too, so the text after it continues
 *   the same word; a '#' that is the last byte is an "unclosed quote";
 * - backslash-newline outside quotes vanishes, any other backslash quotes the
 *   next byte; inside double quotes only " \ ` $ and newline are escaped;
 *   single quotes take everything literally;
 * - no expansion of any kind and no PATH search: argv[0] is run as written.
 *
 * The value is the one after the desktop file's own unescaping (\s \t \n \r \\).
 */

export interface ExecWord {
  /** The argument dbus-daemon passes, quotes removed. */
  readonly value: string;
  /** Offsets in the Exec= value (after desktop unescaping) of the bytes that made the word. */
  readonly start: number;
  readonly end: number;
  /** The word is the bytes [start, end) as they stand: no quotes, backslashes or comments in it. */
  readonly plain: boolean;
}

export type ExecArgv =
  | { readonly ok: true; readonly words: readonly ExecWord[] }
  | { readonly ok: false; readonly message: string; readonly offset: number };

interface Token {
  raw: string;
  start: number;
  end: number;
  plain: boolean;
}

/** Splits an Exec= value into dbus-daemon's argv; never throws; linear in the value's length. */
export function parseExecArgv(value: string): ExecArgv {
  const tokens: Token[] = [];
  let quote = '';
  let escapedRun = false;
  let current: Token = { raw: '', start: 0, end: 0, plain: true };
  let quoteStart = 0;
  // Appends bytes to the current word; `at` is where the contributing input started.
  const add = (bytes: string, at: number, end: number, ordinary: boolean) => {
    if (current.raw === '') current = { raw: '', start: at, end: at, plain: true };
    else if (at !== current.end) current.plain = false;
    if (!ordinary) current.plain = false;
    current.raw += bytes;
    current.end = end;
  };
  const delimit = (at: number) => {
    if (current.raw === '') current = { raw: '', start: at, end: at, plain: true };
    tokens.push(current);
    current = { raw: '', start: at, end: at, plain: true };
  };
  let i = 0;
  for (; i < value.length; i++) {
    const c = value[i]!;
    if (quote === '\\') {
      if (c !== '\n') add(`\\${c}`, i - 1, i + 1, false);
      else if (current.raw !== '') current.plain = false;
      quote = '';
    } else if (quote === '#') {
      while (i < value.length && value[i] !== '\n') i++;
      quote = '';
      if (i >= value.length) break;
      // The newline after the comment is consumed with it: the word goes on.
      if (current.raw !== '') current.plain = false;
    } else if (quote !== '') {
      if (c === quote && !(quote === '"' && escapedRun)) quote = '';
      add(c, i, i + 1, false);
    } else if (c === '\n') {
      delimit(i);
    } else if (c === ' ' || c === '\t') {
      if (current.raw !== '') delimit(i);
    } else if (c === "'" || c === '"') {
      add(c, i, i + 1, false);
      quote = c;
      quoteStart = i;
    } else if (c === '#' || c === '\\') {
      quote = c;
      quoteStart = i;
    } else {
      add(c, i, i + 1, true);
    }
    // dbus counts a run of backslashes to know whether a double quote is escaped.
    escapedRun = value[i] === '\\' ? !escapedRun : false;
  }
  delimit(value.length);
  if (quote !== '') return { ok: false, message: `unclosed ${quoteName(quote)} in the command line`, offset: quoteStart };
  const words: ExecWord[] = [];
  for (const token of tokens) {
    const unquoted = unquote(token.raw);
    // The tokenizer has already refused unclosed quotes; dbus would report this as out of memory.
    if (unquoted === undefined) return { ok: false, message: 'the command line cannot be unquoted', offset: token.start };
    words.push({ value: unquoted, start: token.start, end: token.end, plain: token.plain });
  }
  return { ok: true, words };
}

function quoteName(quote: string): string {
  if (quote === '#') return "'#' (a comment at the very end)";
  if (quote === '\\') return 'backslash (at the very end)';
  return quote === '"' ? 'double quote' : 'single quote';
}

/** Quote removal of one word, as dbus does it (_dbus_shell_unquote); undefined for an unclosed quote. */
function unquote(raw: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && raw[i] !== '"' && raw[i] !== "'") {
      if (raw[i] === '\\') {
        i++;
        if (i < raw.length) {
          if (raw[i] !== '\n') out += raw[i];
          i++;
        }
      } else {
        out += raw[i];
        i++;
      }
    }
    if (i >= raw.length) break;
    const quote = raw[i];
    i++;
    let closed = false;
    while (i < raw.length) {
      const c = raw[i]!;
      if (c === quote) {
        i++;
        closed = true;
        break;
      }
      if (quote === '"' && c === '\\') {
        const next = raw[i + 1];
        if (next === '"' || next === '\\' || next === '`' || next === '$' || next === '\n') {
          out += next;
          i += 2;
        } else {
          out += '\\';
          i++;
        }
        continue;
      }
      out += c;
      i++;
    }
    if (!closed) return undefined;
  }
  return out;
}
