import { displayText } from '../../text/bytes.js';
import type { BusKind, DbusEntry, DbusServiceFile } from './model.js';

/**
 * The D-Bus activation file format as a whole, for the places that pick a
 * format by file (fix, lint, inspect): its id, where an output keeps such
 * files, how to recognise one by its path, and its JSON model.
 */
export const DBUS_SERVICE_FORMAT = 'dbus-service';

/** Folders of an output dbus-daemon reads activation files from: the session bus's, then the system bus's. */
export const DBUS_SERVICE_FOLDERS = ['share/dbus-1/services', 'share/dbus-1/system-services'] as const;

/** Which bus a path's folder belongs to; undefined when it is not an activation file (…/dbus-1/{services,system-services}/*.service). */
export function dbusServiceBus(file: string): BusKind | undefined {
  if (!file.endsWith('.service')) return undefined;
  const parts = file.split('/');
  if (parts.length < 3 || parts[parts.length - 3] !== 'dbus-1') return undefined;
  const folder = parts[parts.length - 2];
  return folder === 'services' ? 'session' : folder === 'system-services' ? 'system' : undefined;
}

export function isDbusServicePath(file: string): boolean {
  return dbusServiceBus(file) !== undefined;
}

const text = (entry: DbusEntry | undefined): string | null => (entry?.value === undefined ? null : displayText(entry.value));

/** The JSON model `unitfix inspect --json` prints: what dbus-daemon takes from the file, Exec= split as it splits it. */
export function inspectDbusService(file: DbusServiceFile) {
  const { service } = file;
  return {
    format: DBUS_SERVICE_FORMAT,
    loads: file.loads,
    groups: file.groups.map((g) => ({
      line: g.line,
      name: displayText(g.name),
      entries: file.entries
        .filter((e) => file.groups[e.group] === g)
        .map((e) => ({ line: e.line, key: e.key, ...(e.localized ? { localized: true } : { value: text(e) }) })),
    })),
    service: {
      name: text(service.name),
      exec: text(service.exec),
      argv: service.argv?.ok ? service.argv.words.map((w) => displayText(w.value)) : null,
      user: text(service.user),
      systemdService: text(service.systemdService),
      assumedAppArmorLabel: text(service.assumedAppArmorLabel),
    },
    diagnostics: file.diagnostics.map((d) => ({ line: d.line, severity: d.severity, message: d.message })),
  };
}
