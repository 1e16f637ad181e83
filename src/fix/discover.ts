import fs from 'node:fs';
import path from 'node:path';
import { readDirectory } from '../fs/read-directory.js';
import { compareNames } from '../text/compare-names.js';
import { isStaleTempFile, isTempFile } from './atomic-write.js';

export interface SkippedEntry {
  readonly path: string;
  readonly reason: string;
}

export interface Discovery {
  /** Real paths of the files to look at, each once, in a stable order. */
  readonly files: string[];
  readonly skipped: SkippedEntry[];
  /** Temporary files of killed runs that were removed. */
  readonly removedTempFiles: string[];
}

/** A folder with one '*' segment (like lib, star, pkgconfig) expands to the folders that exist. */
function expandFolders(root: string, folders: readonly string[]): string[] {
  const result: string[] = [];
  for (const folder of folders) {
    const star = folder.split('/').indexOf('*');
    if (star < 0) {
      result.push(folder);
      continue;
    }
    const parts = folder.split('/');
    const parent = parts.slice(0, star).join('/');
    let names: string[] = [];
    try {
      names = fs.readdirSync(path.join(root, parent));
    } catch {
      // no such folder: nothing to expand
    }
    for (const name of names.sort()) result.push([parent, name, ...parts.slice(star + 1)].join('/'));
  }
  return result;
}

/** Whether the tree has any of the folders (a folder with a '*' segment matches any name there). */
export function hasAnyFolder(root: string, folders: readonly string[]): boolean {
  return expandFolders(root, folders).some((folder) => {
    try {
      return fs.statSync(path.join(root, folder)).isDirectory();
    } catch {
      return false;
    }
  });
}

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/**
 * Walks the given folders of a tree and picks the files `accept` wants.
 * Symlinks are followed only while they stay inside the tree, so a file is
 * handled once, at its real path, and nothing outside is ever touched;
 * FIFOs, sockets and devices are never opened. The walk is plain readdir:
 * globby cannot express "follow links only inside this root".
 */
export async function discoverFiles(
  root: string,
  folders: readonly string[],
  accept: (realPath: string, linkPath: string) => boolean,
): Promise<Discovery> {
  const result: Discovery = { files: [], skipped: [], removedTempFiles: [] };
  let rootReal: string;
  try {
    rootReal = fs.realpathSync(root);
  } catch (error) {
    result.skipped.push({ path: root, reason: (error as Error).message });
    return result;
  }
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  // `via`: the folder as it was reached (through a link, its place in the tree), which is what
  // says a file's format when its real place does not: systemd reads a linked drop-in folder
  // under the unit's name.
  const visitDir = (dir: string, via: string = dir): void => {
    if (seenDirs.has(dir)) return;
    seenDirs.add(dir);
    let listing;
    try {
      listing = readDirectory(dir);
    } catch (error) {
      result.skipped.push({ path: dir, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      return;
    }
    // A name that is not UTF-8 would not survive a round trip through a JS string.
    for (const name of listing.notUtf8.sort()) {
      result.skipped.push({ path: path.join(dir, name), reason: 'the name is not UTF-8 (systemd accepts no such unit name); not read' });
    }
    const entries = listing.entries.sort((a, b) => compareNames(a.name, b.name));
    for (const entry of entries) {
      const name = entry.name;
      const full = path.join(dir, name);
      const seenAs = path.join(via, name);
      if (entry.isDirectory()) {
        visitDir(full, seenAs);
      } else if (entry.isFile()) {
        if (isTempFile(name)) {
          if (isStaleTempFile(name)) {
            fs.rmSync(full, { force: true });
            result.removedTempFiles.push(full);
          }
          continue;
        }
        if (!seenFiles.has(full) && accept(full, seenAs)) {
          seenFiles.add(full);
          result.files.push(full);
        }
      } else if (entry.isSymbolicLink()) {
        visitLink(full, seenAs);
      }
      // FIFOs, sockets, devices: never opened.
    }
  };

  const visitLink = (link: string, seenAs: string): void => {
    let target: string;
    try {
      target = fs.realpathSync(link);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.skipped.push({ path: link, reason: code === 'ELOOP' ? 'symlink loop' : 'dangling symlink' });
      return;
    }
    if (!isInside(rootReal, target)) {
      result.skipped.push({ path: link, reason: `symlink leaves the tree (to ${target}); not followed` });
      return;
    }
    let stat;
    try {
      stat = fs.statSync(target);
    } catch {
      return;
    }
    if (stat.isDirectory()) visitDir(target, seenAs);
    else if (stat.isFile() && !seenFiles.has(target) && accept(target, seenAs)) {
      seenFiles.add(target);
      result.files.push(target);
    }
  };

  for (const folder of expandFolders(rootReal, folders)) {
    let start: string;
    try {
      start = fs.realpathSync(path.join(rootReal, folder));
    } catch {
      continue;
    }
    if (!isInside(rootReal, start)) {
      result.skipped.push({ path: path.join(root, folder), reason: `symlink leaves the tree (to ${start}); not followed` });
      continue;
    }
    let stat;
    try {
      stat = fs.statSync(start);
    } catch {
      continue;
    }
    if (stat.isDirectory()) visitDir(start);
  }
  return result;
}
