import { extractWord, wordSourceRange, type Word } from '../../text/extract-word.js';
import { isSystemdWhitespace } from '../../text/systemd-lines.js';
import type { AssignmentNode } from './model.js';

/**
 * How a setting names paths (systemd.exec(5), systemd.unit(5),
 * systemd.service(5), systemd.socket(5), systemd.path(5); the parsers in
 * src/core/load-fragment.c, systemd 252):
 * - whole: the value after its prefixes is one path, quotes and all
 *   (EnvironmentFile=, WorkingDirectory=, PIDFile=, Condition…=, …);
 * - words: a list split and unquoted like a command line; each word may
 *   carry prefixes (ReadOnlyPaths=, RequiresMountsFor=, BindPaths=, …);
 * - dirs: a colon-separated search path (ExecSearchPath=, PATH= in Environment=).
 */
type Syntax =
  | { readonly form: 'whole'; readonly prefixes: readonly string[]; readonly schemes?: readonly string[]; readonly afterColon?: boolean }
  | { readonly form: 'words'; readonly prefixes: readonly string[]; readonly beforeColon?: boolean }
  | { readonly form: 'dirs' }
  | { readonly form: 'environment' };

/** '-': ignore a missing path; '+': relative to RootDirectory=/RootImage= (left alone). */
const NAMESPACE: Syntax = { form: 'words', prefixes: ['-', '+'] };
const WHOLE: Syntax = { form: 'whole', prefixes: [] };
/** Trigger '|' then negation '!', each followed by optional whitespace. */
const CONDITION: Syntax = { form: 'whole', prefixes: ['|', '!'] };

const SETTINGS: Readonly<Record<string, Syntax>> = {
  EnvironmentFile: { form: 'whole', prefixes: ['-'] },
  WorkingDirectory: { form: 'whole', prefixes: ['-'] },
  RootDirectory: WHOLE,
  RootImage: WHOLE,
  PIDFile: WHOLE,
  ListenFIFO: WHOLE,
  PathExists: WHOLE,
  PathExistsGlob: WHOLE,
  PathChanged: WHOLE,
  PathModified: WHOLE,
  DirectoryNotEmpty: WHOLE,
  LoadCredential: { form: 'whole', prefixes: [], afterColon: true },
  StandardInput: { form: 'whole', prefixes: [], schemes: ['file:'] },
  StandardOutput: { form: 'whole', prefixes: [], schemes: ['file:', 'append:', 'truncate:'] },
  StandardError: { form: 'whole', prefixes: [], schemes: ['file:', 'append:', 'truncate:'] },
  ReadOnlyPaths: NAMESPACE,
  ReadWritePaths: NAMESPACE,
  InaccessiblePaths: NAMESPACE,
  ExecPaths: NAMESPACE,
  NoExecPaths: NAMESPACE,
  RequiresMountsFor: { form: 'words', prefixes: [] },
  BindPaths: { form: 'words', prefixes: ['-'], beforeColon: true },
  BindReadOnlyPaths: { form: 'words', prefixes: ['-'], beforeColon: true },
  ExecSearchPath: { form: 'dirs' },
  Environment: { form: 'environment' },
};
const CONDITION_KEY = /^(Condition|Assert)(Path\w*|DirectoryNotEmpty|FileNotEmpty|FileIsExecutable|NeedsUpdate)$/;

/** One path a setting names, as an offset range of the assignment's rawValue. */
export interface SettingPath {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** The path may be missing: a '-' prefix. */
  readonly optional: boolean;
  /** A folder of a search path (PATH=, ExecSearchPath=), where one folder stands for many programs. */
  readonly searchDir: boolean;
  /** Set for paths inside a word that systemd unquotes (the path is word.value[wordFrom, wordTo)): a replacement must decode back through it. */
  readonly word?: Word;
  readonly wordFrom?: number;
  readonly wordTo?: number;
}

export function settingSyntax(key: string): Syntax | undefined {
  return SETTINGS[key] ?? (CONDITION_KEY.test(key) ? CONDITION : undefined);
}

/** The paths an assignment names, by its key's syntax; none for other keys. */
export function settingPaths(node: AssignmentNode): SettingPath[] {
  const syntax = settingSyntax(node.key);
  const value = node.rawValue;
  if (!syntax || value === '') return [];
  if (syntax.form === 'whole') return wholePath(value, syntax);
  if (syntax.form === 'dirs') return searchDirs(value, 0, value.length);
  const found: SettingPath[] = [];
  let pos = 0;
  for (let guard = 0; guard < value.length + 1; guard++) {
    const result = extractWord(value, pos);
    if (!result || 'error' in result) break;
    pos = result.next;
    const word = result.word;
    if (syntax.form === 'environment') {
      if (!word.value.startsWith('PATH=')) continue;
      // Only a PATH= whose bytes are the word's own (no quotes or escapes) is split here.
      if (!word.plain) continue;
      found.push(...searchDirs(value, word.start + 5, word.end));
      continue;
    }
    let at = 0;
    let optional = false;
    let rooted = false;
    for (const prefix of syntax.prefixes) {
      if (word.value[at] !== prefix) continue;
      if (prefix === '-') optional = true;
      if (prefix === '+') rooted = true;
      at++;
    }
    if (rooted) continue;
    let end = word.value.length;
    if (syntax.beforeColon) {
      const colon = word.value.indexOf(':', at);
      if (colon >= 0) end = colon;
    }
    if (end <= at) continue;
    const range = wordSourceRange(word, at, end);
    if (!range) {
      found.push({ path: word.value.slice(at, end), start: valueOffsetOf(word, at), end: valueOffsetOf(word, at), optional, searchDir: false });
      continue;
    }
    found.push({ path: word.value.slice(at, end), start: range.start, end: range.end, optional, searchDir: false, word, wordFrom: at, wordTo: end });
  }
  return found;
}

function wholePath(value: string, syntax: Syntax & { form: 'whole' }): SettingPath[] {
  let at = 0;
  let optional = false;
  for (const prefix of syntax.prefixes) {
    if (value[at] !== prefix) continue;
    if (prefix === '-') optional = true;
    at++;
    if (syntax === CONDITION) while (at < value.length && isSystemdWhitespace(value.charCodeAt(at))) at++;
  }
  if (syntax.schemes) {
    const scheme = syntax.schemes.find((s) => value.startsWith(s, at));
    if (!scheme) return [];
    at += scheme.length;
  }
  if (syntax.afterColon) {
    const colon = value.indexOf(':', at);
    // No ':' names no file; an empty ID before it is not a valid credential name, and systemd drops the setting.
    if (colon <= 0) return [];
    at = colon + 1;
  }
  if (at >= value.length) return [];
  return [{ path: value.slice(at), start: at, end: value.length, optional, searchDir: false }];
}

function searchDirs(value: string, start: number, end: number): SettingPath[] {
  const found: SettingPath[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i < end && value[i] !== ':') continue;
    if (i > from) found.push({ path: value.slice(from, i), start: from, end: i, optional: false, searchDir: true });
    from = i + 1;
  }
  return found;
}

function valueOffsetOf(word: Word, at: number): number {
  return word.plain ? word.start + at : word.origins[at] ?? word.start;
}
