import type { FormatPlaces } from '../format.js';
import { UNIT_TYPES } from './unit-type.js';

const TYPES = UNIT_TYPES.join('|');

/**
 * A unit or drop-in by its last one or two path components, as
 * classifyUnitPath decides: foo.service, foo@.socket, foo.service.d/x.conf,
 * service.d/x.conf (a test holds the two together).
 */
export const UNIT_NAME = `(?:[^/]+\\.(?:${TYPES})|(?:[^/]+\\.)?(?:${TYPES})\\.d/[^/]*\\.conf)`;

/** Units and drop-ins: wherever a systemd/system or systemd/user folder holds them (the unit-location rule says whether systemd reads that place). */
export const unitPlaces = {
  id: 'unit',
  noun: 'unit file',
  folders: ['lib/systemd/system', 'lib/systemd/user', 'share/systemd/user'],
  etcFolders: ['etc/systemd/system', 'etc/systemd/user'],
  markers: ['systemd/system', 'systemd/user'],
  // Any depth: drop-in folders, and .wants/ links that lint lists but never reads.
  below: `(?:[^/]+/)*${UNIT_NAME}`,
  named: `(?:^|/)${UNIT_NAME}`,
  namedLike: '*.service and other units',
  namesPrograms: true,
} as const satisfies FormatPlaces<'unit'>;
