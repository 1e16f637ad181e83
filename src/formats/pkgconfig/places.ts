import type { FormatPlaces } from '../format.js';

/** pkg-config files: *.pc in a pkgconfig folder, where pkg-config's search path points. */
export const pkgconfigPlaces = {
  id: 'pkgconfig',
  noun: '.pc file',
  // lib/*/pkgconfig: multiarch libdirs (lib/x86_64-linux-gnu) that some build systems default to.
  folders: ['lib/pkgconfig', 'share/pkgconfig', 'lib/*/pkgconfig'],
  etcFolders: [],
  markers: ['pkgconfig'],
  below: '[^/]*\\.pc',
  // Anywhere in a package's repository: foo.pc.in next to the sources.
  named: '\\.pc',
  namedLike: '*.pc',
  namesPrograms: false,
} as const satisfies FormatPlaces<'pkgconfig'>;
