import type { FormatPlaces } from '../format.js';
import type { BusKind } from './model.js';

/** D-Bus activation files: dbus-daemon reads *.service directly in its service folders (the session bus's, then the system bus's). */
export const dbusServicePlaces = {
  id: 'dbus-service',
  noun: 'D-Bus activation file',
  folders: ['share/dbus-1/services', 'share/dbus-1/system-services'],
  etcFolders: [],
  markers: ['dbus-1/services', 'dbus-1/system-services'],
  below: '[^/]*\\.service',
  // Only by its folder: named foo.service on its own, it is a unit.
  namedLike: 'dbus-1/services/*.service',
  namesPrograms: true,
} as const satisfies FormatPlaces<'dbus-service'>;

/** Which bus a path's folder belongs to; undefined when it is not an activation file (…/dbus-1/{services,system-services}/*.service). */
export function dbusServiceBus(file: string): BusKind | undefined {
  if (!file.endsWith('.service')) return undefined;
  const parts = file.split('/');
  if (parts.length < 3 || parts[parts.length - 3] !== 'dbus-1') return undefined;
  const folder = parts[parts.length - 2];
  return folder === 'services' ? 'session' : folder === 'system-services' ? 'system' : undefined;
}
