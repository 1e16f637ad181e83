import fs from 'node:fs';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { lintPaths } from '../../src/lint/engine.js';
import type { AnyRule } from '../../src/lint/rule.js';
import type { Finding } from '../../src/lint/types.js';
import { makeTree, removeTree, type Entry } from './tree.js';

/** Where a case's `code` goes when it names no file: a place where lint reads the rule's first format. */
const DEFAULT_FILE: Readonly<Record<string, string>> = {
  unit: 'lib/systemd/system/foo.service',
  tmpfiles: 'lib/tmpfiles.d/foo.conf',
  sysusers: 'lib/sysusers.d/foo.conf',
  pkgconfig: 'lib/pkgconfig/foo.pc',
  'udev-rules': 'lib/udev/rules.d/50-foo.rules',
  'dbus-service': 'share/dbus-1/system-services/org.example.Foo.service',
  program: 'bin/foo',
};

export interface ValidCase {
  readonly name?: string;
  /** The text of the file under test (at `filename`). */
  readonly code?: string;
  /** Where `code` goes in the store path (default: by the rule's format). */
  readonly filename?: string;
  /** Other files of the store path (relative to it): programs the resolver finds, folders for tree rules. */
  readonly files?: Record<string, Entry>;
  /** Empty folders to make (relative to the store path). */
  readonly folders?: readonly string[];
  readonly options?: Readonly<Record<string, string>>;
  readonly closure?: readonly string[];
  readonly deep?: boolean;
  /**
   * Lay the store path out as S/aaa-out of a scratch store S (the store
   * folder of the run): `S/` in the code and in `beside` stands for it.
   */
  readonly inStore?: boolean;
  /** Files beside the store path, relative to the scratch folder (store/ccc-dev/lib/x, copies/eee-dep/…). */
  readonly beside?: Record<string, string>;
  /** Other folders linted with it, relative to the scratch folder. */
  readonly alsoLint?: readonly string[];
  /** Lint the file named on its own (as pre-commit passes it: templates such as foo.service.in), not the store path. */
  readonly alone?: boolean;
}

export interface ExpectedError {
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  /** The file or folder it is about, relative to the store path (default: `filename`). */
  readonly file?: string;
  /** Whether the rule's planner fixes it (checked when given). */
  readonly fixable?: boolean;
  /** What filled in the message, in part (checked when given; asymmetric matchers welcome). */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
  /** The file after `lint --fix` (the rule's planner; `$out` stands for the store path), or null when it leaves the file as it is. */
  readonly output: string | null;
}

interface Layout {
  readonly root: string;
  /** The store path linted. */
  readonly out: string;
  readonly storeDir: string;
  readonly filename: string;
}

function layOut(rule: AnyRule, c: ValidCase): Layout {
  const filename = c.filename ?? DEFAULT_FILE[rule.meta.formats[0] as string] ?? 'file';
  const root = makeTree({});
  const storeDir = c.inStore ? path.join(root, 'store') : '/nix/store';
  const out = c.inStore ? path.join(storeDir, 'aaa-out') : path.join(root, 'out');
  const inStore = (text: string) => (c.inStore ? text.replaceAll('S/', `${storeDir}/`) : text);
  const entries: Record<string, Entry> = {};
  for (const [relative, entry] of Object.entries(c.files ?? {})) entries[path.relative(root, path.join(out, relative))] = entry;
  for (const [relative, text] of Object.entries(c.beside ?? {})) entries[relative] = inStore(text);
  if (c.code !== undefined) entries[path.relative(root, path.join(out, filename))] = rule.meta.formats[0] === 'program' ? { exec: true, content: c.code } : inStore(c.code);
  makeTree(entries, root);
  for (const folder of c.folders ?? []) fs.mkdirSync(path.join(out, folder), { recursive: true });
  return { root, out, storeDir, filename };
}

async function lint(rule: AnyRule, { root, out, storeDir, filename }: Layout, c: ValidCase): Promise<Finding[]> {
  const report = await lintPaths({
    paths: [c.alone ? path.join(out, filename) : out, ...(c.alsoLint ?? []).map((p) => path.join(root, p))],
    rules: [rule],
    storeDir,
    readers: 0,
    ...(c.closure ? { closure: c.closure } : {}),
    ...(c.deep ? { deep: true } : {}),
    ...(c.options ? { ruleOptions: { [rule.meta.id]: c.options } } : {}),
  });
  expect(report.errors).toEqual([]);
  return [...report.findings];
}

/** What `lint --fix` does for this rule: its planner over the store path, resolving where lint resolves. */
async function fix(rule: AnyRule, { out, storeDir, filename }: Layout, c: ValidCase): Promise<void> {
  if (rule.meta.fixable === false) return;
  const closure = c.closure ?? [];
  await fixPaths({ paths: [c.alone ? path.join(out, filename) : out], formats: [rule.meta.fixable], searchPath: closure.flatMap((p) => [`${p}/bin`, `${p}/sbin`]), dependencies: closure, storeDir, durable: false });
}

/**
 * RuleTester in the ESLint manner: each valid case has no finding of the
 * rule; each invalid case has exactly the expected ones (by message id,
 * line and column), `output` is the file after the rule's planner ran, and
 * linting the fixed tree again leaves none of the findings it called fixable.
 */
export function ruleTester(rule: AnyRule, cases: { readonly valid: readonly ValidCase[]; readonly invalid: readonly InvalidCase[] }): void {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeTree));
  const title = (c: ValidCase, i: number) => c.name ?? (c.code !== undefined ? JSON.stringify(c.code.slice(0, 60)) : `case ${i + 1}`);

  test(`${rule.meta.id}: fixable ⇔ a planner, and its cases show it fixing`, () => {
    // A rule that names a planner must have a case that planner fixes; one that names none, no case with an output.
    const fixed = cases.invalid.filter((c) => c.output !== null);
    expect({ planner: rule.meta.fixable !== false, fixedCases: fixed.length > 0 }).toEqual({ planner: fixed.length > 0, fixedCases: rule.meta.fixable !== false });
  });

  describe(`${rule.meta.id}: valid`, () => {
    test.each(cases.valid.map((c, i) => [title(c, i), c] as const))('%s', async (_, c) => {
      const layout = layOut(rule, c);
      roots.push(layout.root);
      expect((await lint(rule, layout, c)).map((f) => `${f.messageId} ${path.relative(layout.out, f.path)}:${f.line}:${f.column}`)).toEqual([]);
    });
  });

  describe(`${rule.meta.id}: invalid`, () => {
    test.each(cases.invalid.map((c, i) => [title(c, i), c] as const))('%s', async (_, c) => {
      const layout = layOut(rule, c);
      const { root, out, filename } = layout;
      roots.push(root);
      const found = await lint(rule, layout, c);
      const shown = (f: Finding, e?: ExpectedError) => ({
        messageId: f.messageId,
        file: path.relative(out, f.path),
        line: f.line,
        column: f.column,
        ...(e?.fixable !== undefined ? { fixable: f.fixable } : {}),
        ...(e?.data !== undefined ? { data: f.data } : {}),
      });
      const expected = c.errors.map((e) => ({
        messageId: e.messageId,
        file: e.file ?? filename,
        line: e.line,
        column: e.column,
        ...(e.fixable !== undefined ? { fixable: e.fixable } : {}),
        ...(e.data !== undefined ? { data: expect.objectContaining(e.data) } : {}),
      }));
      expect(found.map((f, i) => shown(f, c.errors[i]))).toEqual(expected);
      const file = path.join(out, filename);
      const before = fs.existsSync(file) ? fs.readFileSync(file, 'latin1') : undefined;
      await fix(rule, layout, c);
      const after = fs.existsSync(file) ? fs.readFileSync(file, 'latin1') : undefined;
      expect(after === before ? null : after?.replaceAll(out, '$out')).toEqual(c.output);
      // Fixing, then linting: what the rule called fixable is gone.
      const left = (await lint(rule, layout, c)).filter((f) => f.fixable);
      expect(left.map((f) => shown(f))).toEqual([]);
    });
  });
}
