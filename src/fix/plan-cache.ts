import fs from 'node:fs';
import { parseUnit } from '../formats/unit/parse.js';
import type { UnitFile } from '../formats/unit/model.js';
import { FolderCache } from '../fs/folder-cache.js';

/**
 * What the files of one `unitfix fix` run share while they are planned: the
 * folder listings, and each unit file or drop-in parsed once (every drop-in
 * of a unit needs the unit and its other drop-ins for User=). For one run:
 * it does not see files that change after they were read.
 */
export class PlanCache {
  readonly folders = new FolderCache();
  private readonly units = new Map<string, UnitFile | null>();
  /** Per unit file: its drop-ins and the chain of parsed pieces all its files share. */
  readonly chains = new Map<string, { readonly files: ReadonlySet<string>; readonly chain: readonly (UnitFile | undefined)[] }>();

  /** Keeps the parse of a file read for planning, for the other files of its unit. */
  keep(file: string, unit: UnitFile): void {
    if (!this.units.has(file)) this.units.set(file, unit);
  }

  /** A unit file or drop-in beside the one being planned, parsed; undefined when it cannot be read. */
  unit(file: string): UnitFile | undefined {
    let unit = this.units.get(file);
    if (unit === undefined) {
      try {
        unit = parseUnit(fs.readFileSync(file));
      } catch {
        unit = null;
      }
      this.units.set(file, unit);
    }
    return unit ?? undefined;
  }
}
