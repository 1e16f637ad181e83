import fs from 'node:fs';
import path from 'node:path';
import { parseSysusers } from '../formats/sysusers/parse.js';
import type { SystemdDialect } from '../formats/systemd-version.js';
import { displayText } from '../text/bytes.js';

/** What the host's systemd (and the packages beside it) provide, to tell a missing neighbour from a defect. */
export interface Neighbours {
  readonly users: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  readonly units: { readonly system: ReadonlySet<string>; readonly user: ReadonlySet<string> };
  /** Where they were read, for the report. */
  readonly from: string;
}

export const NO_NEIGHBOURS: Neighbours = { users: new Set(), groups: new Set(), units: { system: new Set(), user: new Set() }, from: 'nothing' };

function list(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Users, groups and units the host's vendor folders create or ship: what
 * an image gets from a package the closure lacks. Read only when the tools
 * are the host's; with the closure's own systemd, everything the image has
 * is in the closure.
 */
export function hostNeighbours(prefixes: readonly string[], dialect: SystemdDialect): Neighbours {
  const users = new Set<string>();
  const groups = new Set<string>();
  const units = { system: new Set<string>(), user: new Set<string>() };
  for (const prefix of prefixes) {
    const sysusersDir = path.join(prefix, 'lib/sysusers.d');
    for (const name of list(sysusersDir).filter((n) => n.endsWith('.conf'))) {
      let source: Buffer;
      try {
        source = fs.readFileSync(path.join(sysusersDir, name));
      } catch {
        continue;
      }
      for (const entry of parseSysusers(source, dialect).entries) {
        const value = entry.name?.value;
        if (!value) continue;
        if (entry.letter === 'u') {
          users.add(displayText(value));
          groups.add(displayText(value));
        } else if (entry.letter === 'g') groups.add(displayText(value));
      }
    }
    for (const n of list(path.join(prefix, 'lib/systemd/system'))) units.system.add(n);
    for (const n of list(path.join(prefix, 'lib/systemd/user'))) units.user.add(n);
  }
  return { users, groups, units, from: prefixes.join(', ') };
}
