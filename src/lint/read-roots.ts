import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENTATION_FOLDERS, NON_CONFIG_FOLDERS, fileFormatByName, lintFormatOf, walkTree, type WalkedTree } from './collect.js';
import type { FileFormat } from './types.js';
import { PROGRAM_FOLDERS } from '../resolve/resolver.js';

/** A file of a known format (or a program, with --deep), read. */
export interface RootFile {
  /** Path relative to the root's base folder. */
  readonly relative: string;
  readonly format: FileFormat;
  readonly source: Buffer;
}

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
 * for the size); `mode` first when only executables are wanted: then a
 * file without an execute bit costs one stat and is never opened.
 */
function readWhole(file: string): Buffer {
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

/**
 * Every executable below the root's PROGRAM_FOLDERS, relative to the root.
 * A link counts by its target, as exec() would; what cannot be read or
 * followed does not count.
 */
function listPrograms(root: string, topLevel: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (relative: string): void => {
    let entries;
    try {
      entries = fs.readdirSync(`${root}/${relative}`, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile() || entry.isSymbolicLink()) {
        try {
          const stat = fs.statSync(`${root}/${child}`, { throwIfNoEntry: false });
          if (stat && stat.isFile() && (stat.mode & 0o111) !== 0) found.push(child);
        } catch {
          // a link loop or a target that cannot be reached: not a program
        }
      }
    }
  };
  // Only the folders the root has: most have no sbin/, and a missing folder costs a thrown error.
  for (const folder of PROGRAM_FOLDERS) if (topLevel.includes(folder)) visit(folder);
  return found;
}

/** An ELF file or a script: starts with the ELF magic or '#!'. */
function isProgram(source: Buffer): boolean {
  return (source.length >= 4 && source.readUInt32BE(0) === 0x7f454c46) || (source.length >= 2 && source[0] === 0x23 && source[1] === 0x21);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
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
export function readRoot(input: string, options: ReadOptions): ReadRoot {
  const files: RootFile[] = [];
  const errors: ReadError[] = [];
  let root: string;
  let stat: fs.Stats;
  try {
    root = fs.realpathSync.native(input);
    stat = fs.statSync(root);
  } catch (error) {
    errors.push({ path: input, message: `cannot read: ${errorCode(error)}` });
    return { input, single: false, files, errors };
  }
  const wanted = new Set(options.formats);
  if (stat.isFile()) {
    const format = fileFormatByName(root);
    if (format && wanted.has(format)) {
      try {
        files.push({ relative: path.basename(root), format, source: readWhole(root) });
      } catch (error) {
        errors.push({ path: root, message: `cannot read: ${errorCode(error)}` });
      }
    }
    return { input, root, base: path.dirname(root), single: true, files, errors };
  }
  // The walk decides each file's format as it lists it; remember it rather than decide twice.
  const formats = new Map<string, FileFormat>();
  const keep = (relative: string): boolean => {
    const format = lintFormatOf(relative);
    if (format) formats.set(relative, format);
    return options.deep || format !== undefined;
  };
  const skipped = options.deep ? DOCUMENTATION_FOLDERS : NON_CONFIG_FOLDERS;
  const tree = walkTree(root, keep, (folder) => skipped.has(folder));
  errors.push(...tree.errors);
  const programs = options.deep && wanted.has('program');
  for (const relative of tree.files) {
    // The walk knows links and regular files apart: a link is listed, never read.
    if (tree.links.has(relative)) continue;
    const format = formats.get(relative);
    if (format ? !wanted.has(format) : !programs) continue;
    const full = `${root}/${relative}`;
    try {
      if (format) {
        files.push({ relative, format, source: readWhole(full) });
        continue;
      }
      if ((fs.statSync(full).mode & 0o111) === 0) continue;
      const source = readWhole(full);
      if (isProgram(source)) files.push({ relative, format: 'program', source });
    } catch (error) {
      errors.push({ path: full, message: `cannot read: ${errorCode(error)}` });
    }
  }
  const namesPrograms = files.some((f) => f.format === 'unit' || f.format === 'sysusers');
  return { input, root, base: root, single: false, tree, files, errors, ...(namesPrograms ? { programs: listPrograms(root, tree.topLevel) } : {}) };
}
