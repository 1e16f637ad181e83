/**
 * udev's built-in commands (src/udev/udev-builtin.c, systemd 252; net_driver
 * came in 253). A RUN{builtin} or IMPORT{program} value names one when its
 * first word is the start of a built-in's name: udev compares only as many
 * bytes as the word has, so "path" selects path_id.
 */
const BUILTINS_252 = ['blkid', 'btrfs', 'hwdb', 'input_id', 'keyboard', 'kmod', 'net_id', 'net_setup_link', 'path_id', 'usb_id', 'uaccess'];

export function builtinNames(systemdVersion: number): readonly string[] {
  return systemdVersion >= 253 ? [...BUILTINS_252, 'net_driver'] : BUILTINS_252;
}

const WHITESPACE = /[ \t\n\r]/;

export function namesBuiltin(value: string, systemdVersion: number): boolean {
  let start = 0;
  while (start < value.length && WHITESPACE.test(value[start]!)) start++;
  let end = start;
  while (end < value.length && !WHITESPACE.test(value[end]!)) end++;
  const word = value.slice(start, end);
  return builtinNames(systemdVersion).some((name) => name.startsWith(word));
}

/** The helpers systemd's udev package installs in its own lib/udev (Debian 12's udev and systemd packages). */
export const SYSTEMD_UDEV_HELPERS: ReadonlySet<string> = new Set(['ata_id', 'cdrom_id', 'dmi_memory_id', 'fido_id', 'mtd_probe', 'scsi_id', 'v4l_id']);
