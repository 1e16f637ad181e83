import { DEFAULT_DIALECT, type SystemdDialect } from '../systemd-version.js';
import { namesBuiltin } from './builtins.js';
import { splitUdevCommand, type CommandWord } from './command-words.js';
import type { UdevRule, UdevRulesFile, UdevToken } from './model.js';

/** A token whose value udev runs as a program. */
export interface UdevProgram {
  readonly rule: UdevRule;
  readonly token: UdevToken;
  /** RUN, PROGRAM or IMPORT{program}: how reports name it. */
  readonly key: string;
  readonly argv: readonly CommandWord[];
}

/**
 * Whether udev runs a token's value: RUN and RUN{program} (assignments),
 * PROGRAM, and IMPORT{program} unless its first word names a built-in (udev
 * then runs the built-in instead).
 */
export function runsProgram(token: UdevToken, dialect: SystemdDialect = DEFAULT_DIALECT): string | undefined {
  if (token.key === 'RUN' && (token.attr === null || token.attr === 'program')) return token.attr === null ? 'RUN' : 'RUN{program}';
  if (token.key === 'PROGRAM' && token.attr === null) return 'PROGRAM';
  if (token.key === 'IMPORT' && token.attr === 'program' && !namesBuiltin(token.value, dialect.systemdVersion)) return 'IMPORT{program}';
  return undefined;
}

/** Every program the rules udev keeps would run (rules it drops are left out), in file order. */
export function udevPrograms(file: UdevRulesFile, dialect: SystemdDialect = DEFAULT_DIALECT): UdevProgram[] {
  const found: UdevProgram[] = [];
  for (const rule of file.rules) {
    if (rule.error !== undefined) continue;
    for (const token of rule.tokens) {
      const key = runsProgram(token, dialect);
      if (key) found.push({ rule, token, key, argv: splitUdevCommand(token.value) });
    }
  }
  return found;
}

/** Where udev looks for a program named without a slash at the start: its own library folder. */
export const UDEV_LIBRARY_FOLDER = '/lib/udev';
