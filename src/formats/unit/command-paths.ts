import path from 'node:path';
import type { Word } from '../../text/extract-word.js';
import { fhsFileRelative } from '../../resolve/fhs-path.js';
import { ROOT_FOLDERS } from '../../fhs/roots.js';
import { scanShellWords } from '../shell/sh-words.js';
import type { CommandLine } from './command-line.js';

/** Where a path stands in a command: a systemd argument, or a word of a `sh -c` script. */
export type PathSiteKind = 'argument' | 'shell';

/** An absolute path under /usr, /bin, /sbin or /lib that is a whole word (or a whole `--option=` value). */
export interface PathSite {
  /** The systemd word that holds it. */
  readonly word: Word;
  /** Its bytes in word.value. */
  readonly from: number;
  readonly to: number;
  readonly path: string;
  /** A program the shell runs, or any other file. */
  readonly as: 'program' | 'file';
  readonly kind: PathSiteKind;
}

/** A path left where it is, and why. */
export interface PathNote {
  readonly word: Word;
  /** Offset in word.value the note is about. */
  readonly at: number;
  readonly kind: PathSiteKind;
  readonly message: string;
}

const SHELLS: Readonly<Record<string, 'sh' | 'bash'>> = { sh: 'sh', dash: 'sh', bash: 'bash' };
/** Options of sh and bash that take the next word as their value. */
const OPTIONS_WITH_VALUE = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);
/** `--config=/usr/…`: the value of a long or short option given with '='. */
const OPTION_VALUE = /^--?[A-Za-z0-9][A-Za-z0-9_.-]*=/;
/** An FHS path inside a longer text: what lint reports when it is left. */
const FHS_FRAGMENT = new RegExp(`(?:^|[^A-Za-z0-9_./-])(/(?:${ROOT_FOLDERS})/[^\\s'"\`;|&<>()$]*)`);

/**
 * The FHS paths in a command's arguments, and in the script of `sh -c` /
 * `bash -c`, that could be rewritten in place; and notes for the ones that
 * cannot. `program` names the program that takes the arguments: the
 * executable, or env's target at args[programIndex] (-1 for the executable),
 * which is handled as a program, not here.
 */
export function commandPathSites(command: CommandLine, program: string, programIndex: number): { sites: PathSite[]; notes: PathNote[] } {
  const sites: PathSite[] = [];
  const notes: PathNote[] = [];
  const shell = SHELLS[path.posix.basename(program)];
  const script = shell ? scriptIndex(command.args, programIndex + 1) : undefined;
  command.args.forEach((word, index) => {
    if (index === programIndex) return;
    if (index === script) {
      shellSites(word, shell === 'bash', !command.prefixes.noEnvironmentExpansion, sites, notes);
      return;
    }
    const at = OPTION_VALUE.exec(word.value)?.[0].length ?? 0;
    const value = word.value.slice(at);
    if (!isPackagePath(value)) return;
    if (/[$%]/.test(value)) notes.push({ word, at, kind: 'argument', message: `argument ${value} contains specifiers or variables; left as it is` });
    else if (/\s/.test(value)) notes.push({ word, at, kind: 'argument', message: `argument ${value.split(/\s/)[0]} is part of a longer text; left as it is` });
    else sites.push({ word, from: at, to: word.value.length, path: value, as: 'file', kind: 'argument' });
  });
  return { sites, notes };
}

/**
 * An absolute path below a folder of /usr, /bin, /sbin or /lib: `/usr/share`
 * or `/usr/lib` alone stand for the whole system's, not for a package's.
 */
export function isPackagePath(value: string): boolean {
  if (!value.startsWith('/')) return false;
  const relative = fhsFileRelative(value);
  return relative !== undefined && relative.replace(/\/+$/, '').includes('/');
}

/** Which argument is the script of `sh [options] -c SCRIPT`; undefined without -c. */
function scriptIndex(args: readonly Word[], first: number): number | undefined {
  let command = false;
  for (let i = first; i < args.length; i++) {
    const option = args[i]!.value;
    if (option === '--' || option === '-') return command ? i + 1 : undefined;
    if (OPTIONS_WITH_VALUE.has(option)) {
      i++;
      continue;
    }
    if (option.startsWith('--')) continue;
    if (/^[-+][A-Za-z]+$/.test(option)) {
      if (option[0] === '-' && option.includes('c')) command = true;
      continue;
    }
    return command ? i : undefined;
  }
  return undefined;
}

/** Shell words are safe to replace with a path only in this alphabet (no globs, no tilde, no '='). */
export const SHELL_SAFE_PATH = /^[A-Za-z0-9/._+@,:-]+$/;

function shellSites(word: Word, bash: boolean, systemdDollar: boolean, sites: PathSite[], notes: PathNote[]): void {
  const script = word.value;
  const fragment = FHS_FRAGMENT.exec(script);
  if (!fragment) return;
  const scan = scanShellWords(script, { bash, systemdDollar });
  if (!scan.ok) {
    notes.push({ word, at: Math.min(scan.offset, Math.max(0, script.length - 1)), kind: 'shell', message: `the shell script is not read (${scan.reason}); paths in it are not rewritten` });
    return;
  }
  for (const shellWord of scan.words) {
    const literal = shellWord.literal;
    const usable = literal && (shellWord.role === 'command' || shellWord.role === 'argument' || shellWord.role === 'redirect');
    if (usable) {
      const at = shellWord.role === 'command' ? 0 : (OPTION_VALUE.exec(literal.value)?.[0].length ?? 0);
      const value = literal.value.slice(at);
      if (isPackagePath(value) && !/[$%\s]/.test(value)) {
        sites.push({ word, from: literal.start + at, to: literal.end, path: value, as: shellWord.role === 'command' ? 'program' : 'file', kind: 'shell' });
        continue;
      }
    }
    const left = FHS_FRAGMENT.exec(shellWord.ownText);
    if (!left) continue;
    const why = /[$%]/.test(shellWord.ownText) ? 'contains specifiers or variables' : 'is not a whole word the shell reads as a path';
    notes.push({ word, at: shellWord.start, kind: 'shell', message: `${left[1]} in the shell script ${why}; left as it is` });
  }
}
