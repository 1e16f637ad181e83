import type { FormatPlaces } from '../format.js';

/** tmpfiles.d snippets: systemd-tmpfiles reads *.conf directly inside a tmpfiles.d folder, nothing below (tmpfiles.d(5)). */
export const tmpfilesPlaces = {
  id: 'tmpfiles',
  noun: 'tmpfiles.d file',
  folders: ['lib/tmpfiles.d'],
  etcFolders: ['etc/tmpfiles.d'],
  markers: ['tmpfiles.d'],
  below: '[^/]*\\.conf',
  // In a package's repository: foo.tmpfiles.conf, tmpfiles-foo.conf.in.
  named: 'tmpfiles[^/]*\\.conf',
  namedLike: 'tmpfiles.d/*.conf',
  namesPrograms: false,
} as const satisfies FormatPlaces<'tmpfiles'>;
