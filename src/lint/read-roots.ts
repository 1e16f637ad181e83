import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENTATION_FOLDERS, NON_CONFIG_FOLDERS, fileFormatByName, lintFormatOf, walkTree, type WalkedTree } from './collect.js';
import type { FileFormat } from './types.js';
import { confOnlyFolderOf } from './conf-folders.js';
import { PROGRAM_FOLDERS } from '../resolve/resolver.js';
import { fsErrorWords } from '../fs/error-words.js';
import { formatById } from '../formats/registry.js';

/** A file of a known format (or a program, with --deep), read. */
export interface RootFile {
  /** Path relative to the root's base folder. */
  readonly relative: string;
  readonly format: FileFormat;
  readonly source: Buffer;
}

/**
 * An executable not read yet: past a root's budget (READ_BUDGET), a program
 * is left for the linting thread to scan a chunk at a time when it gets to
 * it, so that no large program is ever held in memory whole.
 */
export interface DeferredProgram {
  readonly relative: string;
}

/** How many bytes of programs one root may bring read; the rest are read one at a time by the linter. */
export const READ_BUDGET = 8 << 20;

export interface ReadError {
  readonly path: string;
  readonly message: string;
}

/** One linted input, walked and read: everything the rules need, no rule run yet. */
export interface ReadRoot {
  /** As given. */
  readonly input: string;
  /** Its real path; undefined when it could not be read (see errors). */
  readonly root?: string;
  /** The folder relative paths start from: the root, or a single file's folder. */
  readonly base?: string;
  /** A single file (a repository's foo.service.in, as pre-commit passes them) rather than a tree. */
  readonly single: boolean;
  /** The walk, for rules about the shape of the tree; undefined for a single file. */
  readonly tree?: WalkedTree;
  readonly files: RootFile[];
  /** With --deep: executables past the budget, to read (and check for the ELF or '#!' start) when linted. */
  readonly deferred: DeferredProgram[];
  /**
   * The executables in the root's PROGRAM_FOLDERS (links followed), listed
   * when a file of it names programs (a unit or a sysusers.d file): the
   * resolver then needs no stat for them. Undefined when not listed.
   */
  readonly programs?: string[];
  readonly errors: ReadError[];
}

export interface ReadOptions {
  /** Also read programs (executable ELF files and scripts) and walk every folder. */
  readonly deep: boolean;
  /** The formats some rule looks at; files of other formats are not read. */
  readonly formats: readonly FileFormat[];
}

const chunk = Buffer.allocUnsafe(1 << 16);

/**
 * A file's bytes with one open, read and close (readFileSync adds an fstat
 * for the size): a lint reads thousands of small files.
 */
export function readWhole(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      parts.push(Buffer.from(chunk.subarray(0, n)));
      total += n;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** How readRoot reads a file: whole, into a buffer of its own by default; a reader thread reads into its batch (ReadArena). */
export interface FileReader {
  read(file: string): Buffer;
  /** The file read last is not kept (a program that is neither ELF nor a script): its room may be used again. */
  drop(source: Buffer): void;
}

const OWN_BUFFERS: FileReader = { read: readWhole, drop() {} };

/**
 * Every executable below the root's PROGRAM_FOLDERS, relative to the root.
 * A link counts by its target, as exec() would; what cannot be read or
 * followed does not count.
 */
function listPrograms(root: string, topLevel: readonly string[]): string[] {
  const found: string[] = [];
  // Real paths of the folders entered through a link, on the way down: a link back up ends there.
  // (Another link to a folder already listed is listed again, under its own name: the resolver asks by name.)
  const entered = new Set<string>();
  const visit = (relative: string, viaLink: boolean): void => {
    const dir = `${root}/${relative}`;
    let real: string | undefined;
    if (viaLink) {
      try {
        real = fs.realpathSync.native(dir);
      } catch {
        return;
      }
      if (entered.has(real)) return;
      entered.add(real);
    }
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      // not a folder, or not readable: nothing listed
    }
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(child, false);
      else if (entry.isFile() || entry.isSymbolicLink()) {
        let stat;
        try {
          stat = fs.statSync(`${root}/${child}`, { throwIfNoEntry: false });
        } catch {
          // a link loop or a target that cannot be reached: not a program
          continue;
        }
        if (stat?.isDirectory()) visit(child, true);
        else if (stat && stat.isFile() && (stat.mode & 0o111) !== 0) found.push(child);
      }
    }
    if (real !== undefined) entered.delete(real);
  };
  // Only the folders the root has: most have no sbin/, and a missing folder costs a thrown error.
  for (const folder of PROGRAM_FOLDERS) if (topLevel.includes(folder)) visit(folder, true);
  return found;
}

/** An ELF file or a script: starts with the ELF magic or '#!'. */
export function isProgram(source: Buffer): boolean {
  return (source.length >= 4 && source.readUInt32BE(0) === 0x7f454c46) || (source.length >= 2 && source[0] === 0x23 && source[1] === 0x21);
}

function errorCode(error: unknown): string {
  return fsErrorWords(error);
}

/**
 * Walks one input and reads the files the rules want: units, tmpfiles.d,
 * sysusers.d and .pc files by their place; with --deep also every
 * executable that is an ELF file or a script (programs are executable in
 * the store, so a file without an execute bit is not opened), outside the
 * documentation folders. Synchronous:
 * many small files, no thread-pool round trips. Never throws: what cannot
 * be read is an entry in errors.
 */
export function readRoot(input: string, options: ReadOptions, reader: FileReader = OWN_BUFFERS): ReadRoot {
  const files: RootFile[] = [];
  const deferred: DeferredProgram[] = [];
  const errors: ReadError[] = [];
  let root: string;
  let stat: fs.Stats;
  try {
    root = fs.realpathSync.native(input);
    stat = fs.statSync(root);
  } catch (error) {
    // A path that is not there: the same words as `unitfix fix`.
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    errors.push({ path: input, message: missing ? errorCode(error) : `cannot read: ${errorCode(error)}` });
    return { input, single: false, files, deferred, errors };
  }
  const wanted = new Set(options.formats);
  const programs = options.deep && wanted.has('program');
  if (stat.isFile()) {
    // A file named on its own: its format by name, or with --deep a program by its mode and start.
    const format = fileFormatByName(root);
    try {
      if (format && wanted.has(format)) files.push({ relative: path.basename(root), format, source: reader.read(root) });
      else if (!format && programs && (stat.mode & 0o111) !== 0) {
        if (stat.size > READ_BUDGET) deferred.push({ relative: path.basename(root) });
        else {
          const source = reader.read(root);
          if (isProgram(source)) files.push({ relative: path.basename(root), format: 'program', source });
          else reader.drop(source);
        }
      }
    } catch (error) {
      errors.push({ path: root, message: `cannot read: ${errorCode(error)}` });
    }
    return { input, root, base: path.dirname(root), single: true, files, deferred, errors };
  }
  // The walk decides each file's format as it lists it; remember it rather than decide twice.
  const formats = new Map<string, FileFormat>();
  const keep = (relative: string): boolean => {
    const format = lintFormatOf(relative);
    if (format) formats.set(relative, format);
    // Snippets without .conf are listed too (not read): conf-suffix-missing looks for them.
    return options.deep || format !== undefined || confOnlyFolderOf(relative) !== undefined;
  };
  const skipped = options.deep ? DOCUMENTATION_FOLDERS : NON_CONFIG_FOLDERS;
  const tree = walkTree(root, keep, (folder) => skipped.has(folder));
  for (const error of tree.errors) errors.push(error);
  let budget = READ_BUDGET;
  for (const relative of tree.files) {
    // The walk knows links and regular files apart: a link is listed, never read.
    if (tree.links.has(relative)) continue;
    const format = formats.get(relative);
    if (format ? !wanted.has(format) : !programs) continue;
    const full = `${root}/${relative}`;
    try {
      if (format) {
        files.push({ relative, format, source: reader.read(full) });
        continue;
      }
      const stat = fs.statSync(full);
      if ((stat.mode & 0o111) === 0) continue;
      if (stat.size > budget) {
        deferred.push({ relative });
        continue;
      }
      const source = reader.read(full);
      budget -= source.length;
      if (isProgram(source)) files.push({ relative, format: 'program', source });
      else reader.drop(source);
    } catch (error) {
      errors.push({ path: full, message: `cannot read: ${errorCode(error)}` });
    }
  }
  const namesPrograms = files.some((f) => f.format !== 'program' && formatById(f.format)!.namesPrograms);
  return { input, root, base: root, single: false, tree, files, deferred, errors, ...(namesPrograms ? { programs: listPrograms(root, tree.topLevel) } : {}) };
}
