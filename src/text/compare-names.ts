/**
 * Byte order of two names' UTF-8, the order systemd sorts drop-ins and files
 * in (strcmp); JavaScript's own order differs past U+D7FF, localeCompare
 * everywhere.
 */
export function compareNames(a: string, b: string): number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
