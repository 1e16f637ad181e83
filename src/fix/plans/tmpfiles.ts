import path from 'node:path';
import { displayText } from '../../text/bytes.js';
import { locate } from '../../text/line-index.js';
import type { Rewrite } from './rewrite.js';
import { EditPlan } from './edit-plan.js';
import type { Planner } from './planner.js';
import type { PathResolver } from './path-resolver.js';
import { fhsFileRelative } from '../../resolve/fhs-path.js';
import type { TmpfilesEntry, TmpfilesFile } from '../../formats/tmpfiles/model.js';
import { CREATING_TYPES } from '../../formats/tmpfiles/line-types.js';

/** Where C and L lines without an argument copy or link from (tmpfiles.d(5)). */
const FACTORY = '/usr/share/factory';

/**
 * Plans the rewrite of a tmpfiles.d file: symlink targets (L) and copy
 * sources (C) that name /usr — absolute, or relative to the link like
 * ../usr/lib/os-release — become the store path of that file in the outputs or
 * the dependencies; C and L lines without a source, which mean
 * /usr/share/factory/<path>, get that source written out when a package ships
 * it. Paths created under /usr are reported.
 */
export function planTmpfilesRewrites(file: TmpfilesFile, resolver: Pick<PathResolver, 'resolveFile'>): Rewrite {
  const plan = new EditPlan(file.source.length, (offset) => locate(file.lines, offset));
  // kind says what a finding is about: 'target' (an L or C argument), 'implicit-source' (no argument:
  // /usr/share/factory), 'path' (what the line creates), so that lint rules need not read messages.
  const problem = (offset: number, kind: string, message: string) => plan.problem(offset, message, { kind });

  for (const entry of file.entries) {
    const target = displayText(entry.path.value ?? '');
    if (CREATING_TYPES.has(entry.letter) && fhsFileRelative(target) !== undefined) {
      problem(entry.path.word.start, 'path', `'${entry.letter}' creates ${target} under /usr, which a hermetic-/usr system does not have`);
    }
    if (entry.letter !== 'L' && entry.letter !== 'C') continue;
    if (entry.modifiers.includes('^')) continue; // the argument names a credential
    if (!entry.argument) {
      implicitFactorySource(entry, target);
      continue;
    }
    const arg = entry.argument;
    const value = displayText(arg.value);
    const absolute = value.startsWith('/') ? value : path.posix.normalize(path.posix.join(path.posix.dirname(target), value));
    if (fhsFileRelative(absolute) === undefined) continue;
    if (arg.raw !== arg.value || value.includes('%')) {
      problem(arg.start, 'target', `${value} points into /usr but is written with escapes or specifiers; left as it is`);
      continue;
    }
    const resolution = resolver.resolveFile(absolute);
    if (resolution.kind !== 'resolved') {
      if (resolution.kind === 'unresolved') problem(arg.start, 'target', `${value} (${absolute}) is in no output or dependency; left as it is`);
      continue;
    }
    replace(arg.start, arg.end, resolution.path, value, 'target');
  }
  return plan.rewrite();

  function implicitFactorySource(entry: TmpfilesEntry, target: string): void {
    const source = path.posix.join(FACTORY, target);
    const resolution = resolver.resolveFile(source);
    if (resolution.kind !== 'resolved') {
      problem(entry.action.word.start, 'implicit-source', `'${entry.letter}' without an argument uses ${source}, which no output or dependency ships; left as it is`);
      return;
    }
    const lastWord = [entry.age, entry.group, entry.user, entry.mode, entry.path].find((c) => c !== null)!.word;
    // An argument written as '-' (the default) is replaced; otherwise the columns left out are filled with '-'.
    const rest = /^([ \t]+)-(?=[ \t]*(?:[\r\n\0]|$))/.exec(file.text.slice(lastWord.end, entry.span.end));
    if (rest) {
      const dash = lastWord.end + rest[1]!.length;
      replace(dash, dash + 1, resolution.path, `(${source})`, 'implicit-source');
      return;
    }
    const present = [entry.mode, entry.user, entry.group, entry.age].filter((c) => c !== null).length;
    replace(lastWord.end, lastWord.end, resolution.path, `(${source})`, 'implicit-source', `${' -'.repeat(4 - present)} `);
  }

  function replace(start: number, end: number, to: string, from: string, kind: string, lead = ''): void {
    plan.replace({ start, end }, to, { from, key: 'argument', kind, lead });
  }
}

export const planTmpfiles: Planner<TmpfilesFile> = (file, { resolver }) => planTmpfilesRewrites(file, resolver);
