import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TmpfilesEntry, TmpfilesFile } from '../../src/formats/tmpfiles/model.js';

export interface TmpfilesRun {
  readonly status: number | null;
  readonly stderr: string;
  /** The lines (1-based) systemd-tmpfiles refused: it names them with file:line, unlike failures to act. */
  readonly rejected: ReadonlySet<number>;
}

/** Writes `lines` to `dir`/crafted.conf and applies them with `--root=root` and the given actions (--create, --remove, --clean). */
export function runTmpfiles(dir: string, root: string, lines: readonly string[], actions: readonly string[]): TmpfilesRun {
  const conf = path.join(dir, 'crafted.conf');
  fs.writeFileSync(conf, `${lines.join('\n')}\n`);
  const run = spawnSync('systemd-tmpfiles', [`--root=${root}`, ...actions, conf], { encoding: 'utf8' });
  const rejected = new Set<number>();
  for (const line of run.stderr.split('\n')) {
    const match = new RegExp(`^${conf.replaceAll('.', '\\.')}:(\\d+): (.*)$`).exec(line);
    // Notices and warnings about accepted lines do not reject them.
    if (match && !/ignoring\.|lines don't take argument|\/var\/run/.test(match[2]!)) rejected.add(Number(match[1]));
  }
  return { status: run.status, stderr: run.stderr, rejected };
}

export const modeOf = (file: string): string => (fs.lstatSync(file).mode & 0o7777).toString(8);

/** The mode an object gets: the column without its ~ and : modifiers and leading spaces, or `fallback` ('-' or no column). */
export const expectedMode = (column: string | null | undefined, fallback: string): string =>
  column == null || column === '-' ? fallback : column.replace(/^[~:]+/, '').trimStart().replace(/^0+/, '') || '0';

/** Our entry for crafted line `lineNo`, after checking that we refuse what the tool refused and accept the rest; undefined for a refused line. */
export function agreeingEntry(parsed: TmpfilesFile, run: TmpfilesRun, lineNo: number): TmpfilesEntry | undefined {
  const ours = parsed.nodes.find((n) => n.line === lineNo)!;
  expect(ours.type).toBe(run.rejected.has(lineNo) ? 'invalid' : 'entry');
  return ours.type === 'entry' ? ours : undefined;
}
