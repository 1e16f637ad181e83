import type { FormatPlaces } from '../format.js';

/** sysusers.d snippets: systemd-sysusers reads *.conf directly inside a sysusers.d folder (sysusers.d(5)). */
export const sysusersPlaces = {
  id: 'sysusers',
  noun: 'sysusers.d file',
  folders: ['lib/sysusers.d'],
  etcFolders: ['etc/sysusers.d'],
  markers: ['sysusers.d'],
  below: '[^/]*\\.conf',
  named: 'sysusers[^/]*\\.conf',
  namedLike: 'sysusers.d/*.conf',
  // Login shells are programs.
  namesPrograms: true,
} as const satisfies FormatPlaces<'sysusers'>;
