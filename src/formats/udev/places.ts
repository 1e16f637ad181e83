import type { FormatPlaces } from '../format.js';

/** udev rules: udev reads *.rules directly inside the rules.d folders (udev(7)). */
export const udevRulesPlaces = {
  id: 'udev-rules',
  noun: 'udev rules file',
  folders: ['lib/udev/rules.d'],
  etcFolders: ['etc/udev/rules.d'],
  markers: ['udev/rules.d'],
  below: '[^/]*\\.rules',
  // Named on its own: "udev" somewhere in its name or folders; polkit's *.rules are JavaScript.
  named: '^(?!.*polkit).*udev.*\\.rules',
  namedLike: '*udev*.rules',
  namesPrograms: true,
} as const satisfies FormatPlaces<'udev-rules'>;
