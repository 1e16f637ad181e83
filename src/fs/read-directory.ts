import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';

export interface DirectoryEntries {
  /** Entries whose names are valid UTF-8 (every name a unit, .pc or config file can have). */
  readonly entries: fs.Dirent[];
  /** Names that are not valid UTF-8, shown with U+FFFD for the bad bytes: they would not survive a round trip through a JS string. */
  readonly notUtf8: string[];
}

/**
 * A directory's entries with their types. Names are read as UTF-8 strings,
 * which is a third cheaper than reading them as bytes; only a directory
 * where a name came back with U+FFFD (a byte that is not UTF-8, or a real
 * U+FFFD) is read again as bytes to tell the two apart. Throws what
 * readdir throws.
 */
export function readDirectory(dir: string): DirectoryEntries {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (!entries.some((e) => e.name.includes('\uFFFD'))) return { entries, notUtf8: [] };
  const valid: fs.Dirent[] = [];
  const notUtf8: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })) {
    const name = entry.name.toString('utf8');
    if (!isUtf8(entry.name)) notUtf8.push(name);
    else valid.push(Object.assign(entry, { name }) as unknown as fs.Dirent);
  }
  return { entries: valid, notUtf8 };
}
