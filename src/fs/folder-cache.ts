import fs from 'node:fs';
import path from 'node:path';

/**
 * Names in folders, each folder read once: a fix asks, for every unit, whether
 * its drop-in folders exist, and most do not. Looking the folder up in its
 * parent's listing spares a failed readdir (and the error Node builds for it)
 * per question. For one run: it does not see files created after a folder
 * was read.
 */
export class FolderCache {
  private readonly listings = new Map<string, ReadonlySet<string> | null>();

  private read(dir: string): ReadonlySet<string> | null {
    let names = this.listings.get(dir);
    if (names === undefined) {
      try {
        names = new Set(fs.readdirSync(dir));
      } catch {
        names = null;
      }
      this.listings.set(dir, names);
    }
    return names;
  }

  /** The names in a folder; undefined when it is not there or cannot be read. */
  names(dir: string): ReadonlySet<string> | undefined {
    const known = this.listings.get(dir);
    if (known !== undefined) return known ?? undefined;
    const parent = path.dirname(dir);
    // A folder its parent does not list is not there: no need to try it.
    if (parent !== dir && this.read(parent)?.has(path.basename(dir)) === false) {
      this.listings.set(dir, null);
      return undefined;
    }
    return this.read(dir) ?? undefined;
  }
}
