/**
 * A bounded scan of the words of a POSIX sh (or bash) script, enough to tell
 * which words are whole literal paths: quotes, backslashes, operators,
 * comments, `$(...)`, `${...}`, `$((...))` and, for bash, `<(...)`/`>(...)`.
 * It does not run or expand anything. What it does not understand (here-
 * documents, backquotes, `case`, `$'...'`, `((...))`, unbalanced quoting)
 * makes it give up with the offset, so callers leave the script alone.
 */

/** What a word is to the shell, as far as a path in it is concerned. */
export type ShellWordRole =
  /** The program of a simple command (also after `exec`, `command`, `!`, `if`, …). */
  | 'command'
  /** Any later word of a simple command, and the words of `for x in …`. */
  | 'argument'
  /** The file after a redirection operator. */
  | 'redirect'
  /** `NAME=value` before the program. */
  | 'assignment'
  /** A reserved word (`if`, `then`, `{`, …) or `for`'s variable name. */
  | 'keyword'
  /** The word of a bash here-string (`<<<`): text, not a path. */
  | 'data';

export interface ShellWord {
  /** Offsets in the script of the word's first byte and just past its last. */
  readonly start: number;
  readonly end: number;
  readonly role: ShellWordRole;
  /**
   * Set when the word is one literal: unquoted without escapes, expansions,
   * globs or braces, or wholly inside one pair of quotes with nothing special
   * in it. `value` is what the shell passes on; [start, end) of `literal` are
   * the bytes of the script that spell it, so they can be replaced in place.
   */
  readonly literal?: { readonly value: string; readonly start: number; readonly end: number };
  /** The word's bytes outside any nested `$(...)` (whose words are listed on their own). */
  readonly ownText: string;
  /** How many command substitutions deep the word is (0 at the top). */
  readonly depth: number;
}

export type ShellScan =
  | { readonly ok: true; readonly words: readonly ShellWord[] }
  | { readonly ok: false; readonly reason: string; readonly offset: number };

export interface ShellScanOptions {
  /** bash (process substitution, `|&`, `&>`, `<<<`) rather than POSIX sh. */
  readonly bash: boolean;
  /**
   * The script sits in a systemd command line with environment expansion on:
   * systemd turns `$$` into `$` before the shell sees it.
   */
  readonly systemdDollar: boolean;
}

/** Scripts in unit files are one line or a few; anything larger is not read. */
export const MAX_SCRIPT_BYTES = 64 * 1024;
const MAX_DEPTH = 16;

const RESERVED_THEN_COMMAND = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_THEN_OPERATOR = new Set(['fi', 'done', '}']);
/** Compound commands whose words are patterns or names, not commands and arguments. */
const NOT_READ = new Set(['case', 'esac', 'select', 'function', 'coproc']);
/** Builtins whose next word is again a program. */
const COMMAND_PREFIXES = new Set(['exec', 'command']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Unquoted bytes that make a word more than a literal (expansion, glob, brace expansion, tilde). */
const SPECIAL_UNQUOTED = /[*?[\]{}~]/;

class GiveUp extends Error {
  constructor(readonly reason: string, readonly offset: number) {
    super(reason);
  }
}

/** Where a simple command is: the next word's role follows from it. */
type State = 'command' | 'argument' | 'for-name' | 'for-in' | 'for-words' | 'operator';

export function scanShellWords(script: string, options: ShellScanOptions): ShellScan {
  if (script.length > MAX_SCRIPT_BYTES) return { ok: false, reason: `the script is longer than ${MAX_SCRIPT_BYTES} bytes`, offset: 0 };
  const scanner = new Scanner(script, options);
  try {
    const end = scanner.list(0, 0, undefined);
    if (end < script.length) throw new GiveUp("unmatched ')'", end);
    return { ok: true, words: scanner.words };
  } catch (error) {
    if (error instanceof GiveUp) return { ok: false, reason: error.reason, offset: error.offset };
    throw error;
  }
}

class Scanner {
  readonly words: ShellWord[] = [];

  constructor(
    private readonly s: string,
    private readonly options: ShellScanOptions,
  ) {}

  /**
   * Scans commands from `pos` until the end, or until the unmatched `)` that
   * closes a substitution at `depth` > 0; returns the offset of that `)`.
   */
  list(pos: number, depth: number, closer: ')' | undefined): number {
    if (depth > MAX_DEPTH) throw new GiveUp('substitutions nested too deep', pos);
    const s = this.s;
    let state: State = 'command';
    let redirect: 'redirect' | 'data' | undefined;
    while (pos < s.length) {
      const c = s[pos]!;
      if (c === ' ' || c === '\t') {
        pos++;
        continue;
      }
      if (c === '\\' && s[pos + 1] === '\n') {
        pos += 2;
        continue;
      }
      if (c === '#') {
        while (pos < s.length && s[pos] !== '\n') pos++;
        continue;
      }
      if (c === ')') {
        if (closer === ')') {
          if (redirect) throw new GiveUp('a redirection without its file', pos);
          return pos;
        }
        throw new GiveUp("unmatched ')'", pos);
      }
      const operator = this.operator(pos);
      if (operator) {
        if (redirect) throw new GiveUp('a redirection without its file', pos);
        if (operator === '<<' || operator === '<<-') throw new GiveUp('here-documents are not read', pos);
        if (operator === ';;' || operator === ';&' || operator === ';;&') throw new GiveUp(`'${operator}' outside a case`, pos);
        if (operator === '((') throw new GiveUp('arithmetic commands are not read', pos);
        if (operator === '<(' || operator === '>(') {
          if (!this.options.bash) throw new GiveUp('process substitution is bash syntax', pos);
          const close = this.list(pos + 2, depth + 1, ')');
          pos = close + 1;
          if (state === 'command') state = 'argument';
          continue;
        }
        if (operator === '(') {
          if (state !== 'command') throw new GiveUp("'(' in the middle of a command", pos);
          const close = this.list(pos + 1, depth + 1, ')');
          pos = close + 1;
          state = 'operator';
          continue;
        }
        pos += operator.length;
        if (/^[0-9]*[<>]|^&>/.test(operator)) {
          redirect = operator === '<<<' ? 'data' : 'redirect';
          continue;
        }
        state = 'command';
        continue;
      }
      // A word.
      const word = this.word(pos, depth);
      pos = word.end;
      // A number right before '<' or '>' is the descriptor of a redirection, not a word.
      if (/^[0-9]+$/.test(word.raw) && (s[pos] === '<' || s[pos] === '>')) continue;
      let role: ShellWordRole;
      if (redirect) {
        role = redirect;
        redirect = undefined;
      } else if (state === 'command' && RESERVED_THEN_COMMAND.has(word.raw)) {
        role = 'keyword';
      } else if (state === 'command' && NOT_READ.has(word.raw)) {
        throw new GiveUp(`'${word.raw}' is not read`, word.start);
      } else if (state === 'command' && word.raw === 'for') {
        role = 'keyword';
        state = 'for-name';
      } else if (state === 'command' && RESERVED_THEN_OPERATOR.has(word.raw)) {
        role = 'keyword';
        state = 'operator';
      } else if (state === 'for-name') {
        role = 'keyword';
        state = 'for-in';
      } else if (state === 'for-in') {
        if (word.raw !== 'in') throw new GiveUp("'for' without 'in'", word.start);
        role = 'keyword';
        state = 'for-words';
      } else if (state === 'for-words') {
        role = 'argument';
      } else if (state === 'command' && ASSIGNMENT.test(word.raw)) {
        role = 'assignment';
      } else if (state === 'command') {
        role = 'command';
        state = COMMAND_PREFIXES.has(word.raw) ? 'command' : 'argument';
      } else if (state === 'argument') {
        role = 'argument';
      } else {
        throw new GiveUp(`unexpected word after '${s.slice(Math.max(0, word.start - 8), word.start).trim()}'`, word.start);
      }
      this.words.push({ start: word.start, end: word.end, role, ...(word.literal ? { literal: word.literal } : {}), ownText: word.ownText, depth });
    }
    if (redirect) throw new GiveUp('a redirection without its file', pos);
    if (closer) throw new GiveUp(`unclosed '('`, pos);
    return pos;
  }

  /** The control or redirection operator at `pos`, longest first; undefined for a word. */
  private operator(pos: number): string | undefined {
    const s = this.s;
    const bash = this.options.bash;
    const three = s.slice(pos, pos + 3);
    const two = s.slice(pos, pos + 2);
    const c = s[pos]!;
    if (three === '<<-' || three === ';;&') return three;
    if (bash && (three === '<<<' || three === '&>>')) return three;
    if (['&&', '||', ';;', '<<', '>>', '<&', '>&', '<>', '>|', '(('].includes(two)) return two;
    if (bash && ['|&', '&>', ';&', '<(', '>('].includes(two)) return two;
    if (!bash && (two === '<(' || two === '>(')) return two;
    if ('\n;&|()<>'.includes(c)) return c;
    return undefined;
  }

  /** Reads one word from `pos`, recursing into `$(...)`. */
  private word(pos: number, depth: number): { start: number; end: number; raw: string; literal?: ShellWord['literal']; ownText: string } {
    const s = this.s;
    const start = pos;
    let ownText = '';
    // A literal: only plain bytes, or exactly one quoted run with nothing special in it.
    let plain = true;
    let quotedRuns = 0;
    let unquotedBytes = 0;
    let quotedStart = -1;
    let quotedEnd = -1;
    while (pos < s.length) {
      const c = s[pos]!;
      if (c === ' ' || c === '\t' || c === '\n' || this.operator(pos) !== undefined || c === ')') break;
      if (c === '`') throw new GiveUp('backquotes are not read', pos);
      if (c === '\\') {
        if (pos + 1 >= s.length) throw new GiveUp('a backslash at the end of the script', pos);
        plain = false;
        ownText += s.slice(pos, pos + 2);
        pos += 2;
        continue;
      }
      if (c === "'") {
        const close = s.indexOf("'", pos + 1);
        if (close < 0) throw new GiveUp("unbalanced ' quote", pos);
        quotedRuns++;
        quotedStart = pos + 1;
        quotedEnd = close;
        ownText += s.slice(pos, close + 1);
        pos = close + 1;
        continue;
      }
      if (c === '"') {
        const inner = this.doubleQuoted(pos + 1, depth);
        quotedRuns++;
        if (inner.special) plain = false;
        quotedStart = pos + 1;
        quotedEnd = inner.end;
        ownText += inner.ownText;
        pos = inner.end + 1;
        continue;
      }
      if (c === '$') {
        plain = false;
        const expansion = this.dollar(pos, depth);
        ownText += expansion.ownText;
        pos = expansion.end;
        continue;
      }
      if (SPECIAL_UNQUOTED.test(c)) plain = false;
      unquotedBytes++;
      ownText += c;
      pos++;
    }
    const raw = s.slice(start, pos);
    let literal: ShellWord['literal'];
    if (plain && quotedRuns === 0 && raw !== '') literal = { value: raw, start, end: pos };
    else if (plain && quotedRuns === 1 && unquotedBytes === 0) literal = { value: s.slice(quotedStart, quotedEnd), start: quotedStart, end: quotedEnd };
    return { start, end: pos, raw, ...(literal ? { literal } : {}), ownText };
  }

  /** From just inside a '"' to its closing '"'; `special` when anything in it is expanded or escaped. */
  private doubleQuoted(pos: number, depth: number): { end: number; special: boolean; ownText: string } {
    const s = this.s;
    let special = false;
    let ownText = '"';
    while (pos < s.length) {
      const c = s[pos]!;
      if (c === '"') return { end: pos, special, ownText: ownText + '"' };
      if (c === '`') throw new GiveUp('backquotes are not read', pos);
      if (c === '\\') {
        special = true;
        ownText += s.slice(pos, pos + 2);
        pos += 2;
        continue;
      }
      if (c === '$') {
        special = true;
        const expansion = this.dollar(pos, depth);
        ownText += expansion.ownText;
        pos = expansion.end;
        continue;
      }
      ownText += c;
      pos++;
    }
    throw new GiveUp('unbalanced " quote', pos - 1);
  }

  /** An expansion starting with '$' at `pos`: where it ends, and its text outside nested commands. */
  private dollar(pos: number, depth: number): { end: number; ownText: string } {
    const s = this.s;
    let at = pos + 1;
    // systemd has already turned '$$' into '$': what follows is what the shell's '$' applies to.
    if (this.options.systemdDollar && s[at] === '$') at++;
    const next = s[at];
    if (next === '(' && s[at + 1] === '(') {
      const end = this.skipBalanced(at, '(', ')');
      return { end, ownText: s.slice(pos, end) };
    }
    if (next === '(') {
      const close = this.list(at + 1, depth + 1, ')');
      return { end: close + 1, ownText: '$()' };
    }
    if (next === '{') {
      const end = this.skipBalanced(at, '{', '}');
      return { end, ownText: s.slice(pos, end) };
    }
    if (next === "'") throw new GiveUp("$'...' quoting is not read", pos);
    if (next === '"') throw new GiveUp('$"..." quoting is not read', pos);
    let end = at;
    if (next !== undefined && /[A-Za-z_]/.test(next)) {
      while (end < s.length && /[A-Za-z0-9_]/.test(s[end]!)) end++;
    } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      end++;
    }
    return { end, ownText: s.slice(pos, end) };
  }

  /**
   * Skips from an opening bracket to just past its match, stepping over
   * quotes and backslashes; what is inside is not read word by word.
   */
  private skipBalanced(pos: number, open: string, close: string): number {
    const s = this.s;
    let level = 0;
    while (pos < s.length) {
      const c = s[pos]!;
      if (c === '\\') {
        pos += 2;
        continue;
      }
      if (c === '`') throw new GiveUp('backquotes are not read', pos);
      if (c === "'") {
        const end = s.indexOf("'", pos + 1);
        if (end < 0) throw new GiveUp("unbalanced ' quote", pos);
        pos = end + 1;
        continue;
      }
      if (c === '"') {
        pos++;
        while (pos < s.length && s[pos] !== '"') pos += s[pos] === '\\' ? 2 : 1;
        if (pos >= s.length) throw new GiveUp('unbalanced " quote', s.length);
        pos++;
        continue;
      }
      if (c === open) level++;
      else if (c === close && --level === 0) return pos + 1;
      pos++;
    }
    throw new GiveUp(`unclosed '${open}'`, Math.min(pos, s.length));
  }
}
