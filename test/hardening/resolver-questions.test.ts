import { jest } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { lintPaths } from '../../src/lint/engine.js';
import { EXEC, makeTree, removeTree, type Entry } from '../helpers/tree.js';

/**
 * Path resolution asks the file system about each candidate path once per
 * run, however many files name the program: its cost grows with the
 * outputs, dependencies and distinct names, not with the files. Counted
 * through a seam: every stat, exists, access and lstat the run makes about a
 * path of a named program.
 */
const MARK = 'zz-missing-';

async function questionsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const asked: string[] = [];
  for (const name of ['statSync', 'existsSync', 'accessSync', 'lstatSync'] as const) {
    const original = fs[name] as (...args: unknown[]) => unknown;
    jest.spyOn(fs, name).mockImplementation(((file: unknown, ...rest: unknown[]) => {
      if (String(file).includes(MARK)) asked.push(String(file));
      return original.call(fs, file, ...rest);
    }) as never);
  }
  try {
    await run();
  } finally {
    jest.restoreAllMocks();
  }
  return asked;
}

/**
 * `outputs` outputs (the first holds the units), `deps` dependencies with
 * programs, and `files` units each naming the same `names` programs and
 * data files, which nothing has: every candidate is asked.
 */
function tree(outputs: number, deps: number, files: number, names: number): { root: string; outs: string[]; deps: string[] } {
  const entries: Record<string, Entry> = {};
  const unit = Array.from({ length: names }, (_, k) => `ExecStartPre=/usr/bin/${MARK}${k} /usr/share/${MARK}${k}/data\n`).join('');
  for (let f = 0; f < files; f++) entries[`out0/lib/systemd/system/u${f}.service`] = `[Service]\n${unit}`;
  for (let o = 1; o < outputs; o++) entries[`out${o}/bin/other`] = EXEC;
  for (let d = 0; d < deps; d++) entries[`dep${d}/bin/tool`] = EXEC;
  const root = makeTree(entries);
  return {
    root,
    outs: Array.from({ length: outputs }, (_, o) => path.join(root, `out${o}`)),
    deps: Array.from({ length: deps }, (_, d) => path.join(root, `dep${d}`)),
  };
}

async function fixQuestions(outputs: number, deps: number, files: number, names: number): Promise<string[]> {
  const t = tree(outputs, deps, files, names);
  try {
    return await questionsDuring(() =>
      fixPaths({ paths: [t.outs[0]!], outputs: t.outs, dependencies: t.deps, searchPath: t.deps.map((d) => path.join(d, 'bin')), dryRun: true }),
    );
  } finally {
    removeTree(t.root);
  }
}

describe('unitfix fix: file-system questions about named programs', () => {
  test('each candidate path is asked once, and as often for 80 files naming the programs as for 10', async () => {
    const few = await fixQuestions(3, 4, 10, 5);
    const many = await fixQuestions(3, 4, 80, 5);
    expect(new Set(few).size).toBe(few.length);
    expect(many.length).toBe(few.length);
    expect(few.length).toBeGreaterThan(0);
  });

  test('linear in the distinct names, the outputs and the dependencies', async () => {
    const base = (await fixQuestions(2, 2, 3, 4)).length;
    // Each doubling at most doubles the questions: no product beyond candidates × places.
    expect((await fixQuestions(2, 2, 3, 8)).length).toBe(2 * base);
    expect((await fixQuestions(4, 2, 3, 4)).length).toBeLessThanOrEqual(2 * base);
    expect((await fixQuestions(2, 4, 3, 4)).length).toBeLessThanOrEqual(2 * base);
    // The bound stated in docs/reliability.md: per name, a program's bin/, sbin/ and libexec/ and
    // a data file's place in each output, the same in each dependency (its bin/ on the search path).
    const [outputs, deps, names] = [5, 6, 7];
    expect((await fixQuestions(outputs, deps, 3, names)).length).toBeLessThanOrEqual(names * 4 * (outputs + deps));
  });
});

describe('unitfix lint --closure: the dependencies are asked once for all the linted store paths', () => {
  test('20 store paths naming the same programs ask the dependencies no more than 2 do', async () => {
    const ask = async (roots: number) => {
      const t = tree(roots, 4, 1, 5);
      // Every output its own store path, each with the units of out0.
      for (let o = 1; o < roots; o++) fs.cpSync(path.join(t.outs[0]!, 'lib'), path.join(t.outs[o]!, 'lib'), { recursive: true });
      try {
        const asked = await questionsDuring(() => lintPaths({ paths: t.outs, closure: t.deps, readers: 0, storeDir: '/nix/store' }));
        return asked.filter((q) => t.deps.some((d) => q.startsWith(`${d}/`)));
      } finally {
        removeTree(t.root);
      }
    };
    const two = await ask(2);
    expect(two.length).toBeGreaterThan(0);
    expect(new Set(two).size).toBe(two.length);
    expect((await ask(20)).length).toBe(two.length);
  });
});
