/** utmp's user field is 32 bytes with its NUL: systemd refuses longer names (UT_NAMESIZE - 1). */
const MAX_NAME_LENGTH = 31;

const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * A user or group name as systemd's strict valid_user_group_name(name, 0)
 * takes it (src/basic/user-util.c), what sysusers asks of every name it
 * creates: an ASCII letter or '_', then letters, digits, '_' or '-', at most
 * 31 of them. So no dots, no '$', no leading digit or '-', never all digits.
 */
export function isValidAccountName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return false;
  if (!isAsciiLetter(name[0]!) && name[0] !== '_') return false;
  for (let i = 1; i < name.length; i++) {
    const c = name[i]!;
    if (!isAsciiLetter(c) && !isDigit(c) && c !== '_' && c !== '-') return false;
  }
  return true;
}
