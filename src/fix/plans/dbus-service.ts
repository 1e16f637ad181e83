import { displayText } from '../../text/bytes.js';
import { locate } from '../../text/line-index.js';
import { isSafePath } from '../../text/safe-path.js';
import type { ResolveContext } from '../../resolve/resolver.js';
import type { Rewrite } from './rewrite.js';
import { EditPlan } from './edit-plan.js';
import type { Planner } from './planner.js';
import { dbusServiceBus } from '../../formats/dbus/places.js';
import type { PathResolver } from './path-resolver.js';
import { isPackagePath } from '../../formats/unit/command-paths.js';
import { parseExecArgv, type ExecWord } from '../../formats/dbus/exec-argv.js';
import type { BusKind, DbusEntry, DbusServiceFile } from '../../formats/dbus/model.js';

/** `--config=/usr/…`: the value of a long or short option given with '='. */
const OPTION_VALUE = /^--?[A-Za-z0-9][A-Za-z0-9_.-]*=/;

/**
 * Plans the rewrite of an activation file's Exec=, the one dbus-daemon uses
 * (the first in the first [D-BUS Service] group): the program, when it is an
 * FHS path, becomes what the resolver finds (the outputs, the search path,
 * the dependencies, the fallback set); arguments that are whole FHS paths of
 * files an output or a dependency ships become those files. Only words dbus
 * reads exactly as written (no quotes, escapes or comments) are rewritten,
 * and only their bytes; the rewritten value is split again and must give the
 * same argv with just those words changed. Everything else is reported.
 */
export function planDbusRewrites(file: DbusServiceFile, resolver: Pick<PathResolver, 'resolveExecutable' | 'resolveFile'>, bus: BusKind | undefined): Rewrite {
  const plan = new EditPlan(file.source.length, (offset) => locate(file.lines, offset));
  const { exec, argv, user } = file.service;
  if (!file.loads || !exec || exec.value === undefined || !argv?.ok) return plan.rewrite();
  const problem = (word: ExecWord, kind: string, message: string) => plan.problem(sourceOffset(exec, word.start), message, { key: 'Exec', kind });
  // The system bus's launch helper runs Exec= as User=; the session bus as the user whose bus it is.
  const context: ResolveContext = { runsAsRoot: bus === 'system' && (user?.value === 'root' || user?.value === '0') };
  // `at`: where the path starts in the word (after `--option=`).
  const planned: { word: ExecWord; at: number; to: string; from: string; kind: string }[] = [];

  argv.words.forEach((word, index) => {
    const kind = index === 0 ? 'program' : 'argument';
    const value = word.value;
    if (index === 0 && !value.includes('/')) {
      if (value !== '') problem(word, kind, `dbus-daemon runs ${displayText(value)} without searching PATH, so it never starts; write the full path`);
      return;
    }
    const at = index === 0 ? 0 : (OPTION_VALUE.exec(value)?.[0].length ?? 0);
    if (index > 0 && !isPackagePath(value.slice(at))) return;
    const shown = displayText(value.slice(at));
    const resolution = index === 0 ? resolver.resolveExecutable(shown, context) : resolver.resolveFile(shown);
    if (resolution.kind === 'unchanged') return;
    if (resolution.kind === 'unresolved') {
      problem(word, kind, `cannot resolve ${shown}: ${resolution.reason}; left as it is`);
      return;
    }
    if (!word.plain || !sameBytes(exec, word)) {
      problem(word, kind, `${shown} is written with quotes, escapes or a comment; left as it is`);
      return;
    }
    if (!isSafePath(resolution.path)) {
      problem(word, kind, `resolved path ${resolution.path} would need quoting; left ${shown} as it is`);
      return;
    }
    planned.push({ word, at, to: resolution.path, from: shown, kind });
  });
  if (planned.length === 0) return plan.rewrite();

  // The value with the new words must split into the same argv with only those words changed.
  let value = exec.value;
  for (const p of [...planned].sort((a, b) => b.word.start - a.word.start)) value = value.slice(0, p.word.start + p.at) + p.to + value.slice(p.word.end);
  const again = parseExecArgv(value);
  const expected = argv.words.map((w) => {
    const p = planned.find((q) => q.word === w);
    return p ? w.value.slice(0, p.at) + p.to : w.value;
  });
  if (!again.ok || again.words.length !== expected.length || again.words.some((w, i) => w.value !== expected[i])) {
    plan.problem(exec.valueSpan.start, 'the rewritten Exec= would not split into the same arguments; left as it is', { key: 'Exec', kind: 'program' });
    return plan.rewrite();
  }
  for (const p of planned) {
    const start = sourceOffset(exec, p.word.start + p.at);
    plan.replace({ start, end: start + (p.word.end - p.word.start - p.at) }, p.to, { from: p.from, key: 'Exec', kind: p.kind });
  }
  return plan.rewrite();
}

/** Where byte `offset` of the unescaped value stands in the file. */
function sourceOffset(entry: DbusEntry, offset: number): number {
  if (!entry.origins) return entry.valueSpan.start + offset;
  return offset < entry.origins.length ? entry.origins[offset]! : entry.valueSpan.end;
}

/** The word's bytes in the file are the word itself: no desktop escape inside it. */
function sameBytes(entry: DbusEntry, word: ExecWord): boolean {
  if (!entry.origins) return true;
  const start = entry.origins[word.start]!;
  for (let i = word.start; i < word.end; i++) if (entry.origins[i] !== start + (i - word.start)) return false;
  return true;
}

export const planDbusService: Planner<DbusServiceFile> = (file, context) => planDbusRewrites(file, context.resolver, dbusServiceBus(context.file));
