// The data is systemd's own (scripts/extract-directives.js writes the JSON from it); this
// module only gives it a type. Imported, not read from disk, so the bundle carries it.
import directives from './systemd-directives.json' with { type: 'json' };

/** Settings systemd knows, by unit file section, and the systemd sources they were taken from. */
export interface SystemdDirectives {
  readonly sources: readonly string[];
  readonly sections: Readonly<Record<string, readonly string[]>>;
}

export const SYSTEMD_DIRECTIVES: SystemdDirectives = directives;
