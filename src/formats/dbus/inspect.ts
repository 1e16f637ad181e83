import { displayText } from '../../text/bytes.js';
import { diagnosticLines } from '../column-file.js';
import type { DbusEntry, DbusServiceFile } from './model.js';

const text = (entry: DbusEntry | undefined): string | null => (entry?.value === undefined ? null : displayText(entry.value));

/** The JSON model `unitfix inspect --json` prints: what dbus-daemon takes from the file, Exec= split as it splits it. */
export function inspectDbusService(file: DbusServiceFile) {
  const { service } = file;
  return {
    format: 'dbus-service' as const,
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
    diagnostics: diagnosticLines(file),
  };
}
