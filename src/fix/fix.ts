import fs from 'node:fs';
import path from 'node:path';
import { applyEdits } from '../text/edit.js';
import { binaryAt } from '../text/binary.js';
import { Resolver } from '../resolve/resolver.js';
import { wrapperTable, type WrapperSources } from '../resolve/wrapper-settings.js';
import { insideNixBuild, syncFolder, writeFileAtomic } from './atomic-write.js';
import { fsErrorWords } from '../fs/error-words.js';
import { PlanCache } from './plan-cache.js';
import { discoverFiles, hasAnyFolder, type SkippedEntry } from './discover.js';
import type { Problem, Replacement, Rewrite } from './plans/rewrite.js';
import { FIXABLE_FORMATS, folderExamples, formatFolders, loadFormats, type AnyFormat } from '../formats/registry.js';
import { formatAt, formatNamed } from '../formats/classify.js';

export interface FixOptions extends WrapperSources {
  /** Trees (store outputs) or single files to fix. */
  readonly paths: readonly string[];
  /** Only these formats' planners (`lint --fix`: those its rules name); default every fixable format. */
  readonly formats?: readonly string[];
  /** The package's outputs to resolve against; defaults to the tree paths. */
  readonly outputs?: readonly string[];
  /** Where to look up dependencies' programs (HOST_PATH or PATH, split). */
  readonly searchPath: readonly string[];
  /** Store paths of dependencies: their bin/, sbin/ and libexec/ after the search path, and files that are not programs. */
  readonly dependencies?: readonly string[];
  /** Packages searched last (the setup hook's fallback set of runtime tools); each use is reported. */
  readonly fallback?: readonly string[];
  readonly update?: boolean;
  readonly storeDir?: string;
  /** Compute everything, write nothing. */
  readonly dryRun?: boolean;
  /**
   * Sync each rewritten file before its rename and each folder after, so a
   * power cut cannot leave an empty file. Default: yes, except inside a Nix
   * build, where a crash fails the build and nothing is registered.
   */
  readonly durable?: boolean;
  /** Called once the files are found, before any is read (for progress displays). */
  readonly onDiscovered?: (files: readonly string[]) => void | Promise<void>;
}

export interface FileOutcome {
  readonly path: string;
  /** The tree the file was found in, for relative display. */
  readonly root: string;
  readonly format: string;
  readonly status: 'changed' | 'unchanged' | 'error';
  readonly replacements: readonly Replacement[];
  readonly problems: readonly Problem[];
  /** Why the file could not be read or written. */
  readonly error?: string;
  readonly before?: Buffer;
  readonly after?: Buffer;
}

/** A path resolved through the fallback set: the package now refers to that package at run time. */
export interface FallbackReference {
  readonly path: string;
  readonly line: number;
  readonly from: string;
  readonly to: string;
  /** The fallback package the path is in. */
  readonly package: string;
}

export interface FixReport {
  readonly files: readonly FileOutcome[];
  readonly fallbackReferences: readonly FallbackReference[];
  readonly skipped: readonly SkippedEntry[];
  readonly removedTempFiles: readonly string[];
}

interface Job {
  readonly file: string;
  readonly root: string;
  readonly format: FixableFormat;
}

type FixableFormat = AnyFormat & Required<Pick<AnyFormat, 'plan'>>;


/**
 * Rewrites the files of every supported format under each path in place.
 * One file's failure is recorded in its outcome and never stops the others;
 * the library never exits or prints. A wrapper file or setting that cannot
 * be used is a UsageError, thrown before anything is read.
 */
export async function fixPaths(options: FixOptions): Promise<FixReport> {
  const wrappers = wrapperTable(options);
  const resolver = new Resolver({
    outputs: options.outputs && options.outputs.length > 0 ? options.outputs : options.paths,
    searchPath: options.searchPath,
    dependencies: options.dependencies ?? [],
    fallback: options.fallback ?? [],
    update: options.update ?? false,
    ...(wrappers ? { wrappers } : {}),
    ...(options.storeDir ? { storeDir: options.storeDir } : {}),
  });
  // Every format the registry gives a planner, in its order (the order files are reported in).
  const formats = (await loadFormats()).filter((f): f is FixableFormat => f.plan !== undefined && (options.formats?.includes(f.id) ?? true));
  const byId = new Map(formats.map((f) => [f.id as string, f]));
  const jobs: Job[] = [];
  const skipped: SkippedEntry[] = [];
  const removedTempFiles: string[] = [];
  const seen = new Set<string>();
  for (const root of options.paths) {
    let stat;
    try {
      stat = fs.statSync(root);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      skipped.push({ path: root, reason: e.code === 'ENOENT' ? fsErrorWords(e) : `cannot read: ${fsErrorWords(e)}` });
      continue;
    }
    if (stat.isFile()) {
      const real = fs.realpathSync(root);
      // By the name given or the file it leads to; a template (foo.service.in) is configure's to fill in.
      const id = formatNamed(real, { templates: false }) ?? formatNamed(root, { templates: false });
      const format = id === undefined ? undefined : byId.get(id);
      if (!format) skipped.push({ path: root, reason: 'not a file unitfix knows (by name or folder)' });
      else if (!seen.has(real)) {
        seen.add(real);
        jobs.push({ file: real, root: path.dirname(real), format });
      }
      continue;
    }
    const rootReal = fs.realpathSync(root);
    // A folder with none of the folders any format lives in was most likely named by mistake (a
    // checkout, loose unit files): say so, as ESLint does for a pattern that matches nothing. A
    // unit folder with nothing to fix in it (only .wants links) is a package with nothing to do.
    if (!formats.some((f) => hasAnyFolder(rootReal, formatFolders(f)))) {
      skipped.push({ path: root, reason: `no file to fix: it has none of the folders unitfix reads (${folderExamples(FIXABLE_FORMATS)}); name files outside them one by one` });
      continue;
    }
    for (const format of formats) {
      // A file is what its real place says, or else the place of the link that led to it.
      const found = await discoverFiles(root, formatFolders(format), (real, link) => (formatAt(real) ?? formatAt(link)) === format.id);
      for (const skip of found.skipped) skipped.push(skip);
      for (const removed of found.removedTempFiles) removedTempFiles.push(removed);
      for (const file of found.files) {
        if (seen.has(file)) continue;
        seen.add(file);
        jobs.push({ file, root: rootReal, format });
      }
    }
  }
  await options.onDiscovered?.(jobs.map((j) => j.file));
  const cache = new PlanCache();
  const durable = options.durable ?? !insideNixBuild();
  const files = jobs.map((job) => fixOne(job, resolver, cache, options.dryRun ?? false, durable));
  if (durable && !options.dryRun) syncFolders(files);
  return { files, fallbackReferences: fallbackReferences(files, resolver.fallback), skipped, removedTempFiles };
}

/** After the renames: each folder with a rewritten file synced once. A folder that cannot be synced costs its files. */
function syncFolders(files: FileOutcome[]): void {
  const folders = new Map<string, number[]>();
  files.forEach((file, index) => {
    if (file.status !== 'changed') return;
    const folder = path.dirname(file.path);
    const list = folders.get(folder);
    if (list) list.push(index);
    else folders.set(folder, [index]);
  });
  for (const [folder, indexes] of folders) {
    try {
      syncFolder(folder);
    } catch (error) {
      for (const i of indexes) files[i] = { ...files[i]!, status: 'error', error: `written, but the folder could not be synced: ${describe(error)}` };
    }
  }
}

function fallbackReferences(files: readonly FileOutcome[], fallback: readonly string[]): FallbackReference[] {
  if (fallback.length === 0) return [];
  const found: FallbackReference[] = [];
  for (const file of files) {
    if (file.status !== 'changed') continue;
    for (const r of file.replacements) {
      const owner = fallback.find((root) => r.to.startsWith(`${root}/`));
      if (owner) found.push({ path: file.path, line: r.line, from: r.from, to: r.to, package: owner });
    }
  }
  return found;
}

/** How often a file that changed under us is read again before giving up on it. */
const ATTEMPTS = 3;

/** Synchronous I/O: many small files in a row, each async step would be a thread-pool round trip. */
function fixOne(job: Job, resolver: Resolver, cache: PlanCache, dryRun: boolean, durable: boolean): FileOutcome {
  for (let attempt = 1; ; attempt++) {
    let before: Buffer;
    let stat: fs.Stats;
    try {
      // The times and mode to keep, and the identity to check before writing, from the file that was read.
      const fd = fs.openSync(job.file, 'r');
      try {
        stat = fs.fstatSync(fd);
        before = fs.readFileSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (error) {
      return outcome(job, 'error', { replacements: [], problems: [], error: `cannot read: ${describe(error)}` });
    }
    // One line for a binary file named like a unit, not a warning for every run of bytes in it.
    const binary = binaryAt(before);
    if (binary) return outcome(job, 'unchanged', { replacements: [], problems: [{ ...binary, message: 'binary (a NUL byte), skipped' }] });
    let plan;
    let after: Buffer;
    try {
      plan = planFile(job.format, before, job.file, resolver, cache);
      after = plan.edits.length === 0 ? before : applyEdits(before, plan.edits);
    } catch (error) {
      // A bug in a planner must cost this file, not the run (and not the build).
      return outcome(job, 'error', { replacements: [], problems: [], error: `internal error while planning: ${(error as Error).message}` });
    }
    if (after.equals(before)) return outcome(job, 'unchanged', { replacements: [], problems: plan.problems });
    if (dryRun) return outcome(job, 'changed', { replacements: plan.replacements, problems: plan.problems, before, after });
    try {
      // Someone else (another unitfix, an editor) changed the file since it was read: writing now
      // would lose their change, so read it again and start over.
      const now = fs.statSync(job.file);
      if (now.ino !== stat.ino || now.size !== stat.size || now.mtimeMs !== stat.mtimeMs) {
        if (attempt < ATTEMPTS) continue;
        return outcome(job, 'error', { replacements: plan.replacements, problems: plan.problems, error: 'the file kept changing while it was being fixed; left as it is', before });
      }
      writeFileAtomic(job.file, after, stat, durable);
    } catch (error) {
      return outcome(job, 'error', { replacements: plan.replacements, problems: plan.problems, error: `cannot write: ${describe(error)}`, before });
    }
    return outcome(job, 'changed', { replacements: plan.replacements, problems: plan.problems, before, after });
  }
}

/**
 * A file's outcome. Its fixed fields come first: V8 (Node 20) builds
 * `{ ...base, more }` some 50 times slower than this order.
 */
function outcome(job: Job, status: FileOutcome['status'], rest: Pick<FileOutcome, 'replacements' | 'problems' | 'error' | 'before' | 'after'>): FileOutcome {
  return { path: job.file, root: job.root, format: job.format.id, status, ...rest };
}

/** What the format's tool would complain about, then the rewrite its planner makes. */
function planFile(format: FixableFormat, source: Buffer, file: string, resolver: Resolver, cache: PlanCache): Rewrite {
  const model = format.parse(source);
  const complaints = format.complaints(model, file).map((c) => ({
    line: c.line,
    column: c.column,
    message: `${c.severity === 'error' && format.refusal ? `${format.refusal}: ` : ''}${c.message}`,
  }));
  const rewrite = format.plan(model, { file, resolver, cache });
  return { edits: rewrite.edits, replacements: rewrite.replacements, problems: [...complaints, ...rewrite.problems] };
}

function describe(error: unknown): string {
  // Found by the walk a moment ago: "no such file" would puzzle.
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'the file disappeared';
  return fsErrorWords(error);
}

