/**
 * Syntax changes between systemd releases that the parsers model. The
 * default is the newest known release (what nixpkgs ships); tests pass the
 * installed version to compare against the installed tools.
 */
export const NEWEST_KNOWN_SYSTEMD = 258;

export interface SystemdDialect {
  /** The systemd release whose reading of the files to follow, e.g. 252. */
  readonly systemdVersion: number;
}

export const DEFAULT_DIALECT: SystemdDialect = { systemdVersion: NEWEST_KNOWN_SYSTEMD };
