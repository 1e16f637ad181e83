/** systemd's WHITESPACE: what its parsers skip and split on. */
const WHITESPACE = ' \t\n\r';
/** What C's isspace() is in the C locale: strtoul() skips these on its own, \v and \f too. */
const C_SPACE = ' \t\n\v\f\r';
const UINT_MAX = 0xffffffff;

export interface AtouFlags {
  readonly refusePlusMinus?: boolean;
  readonly refuseLeadingZero?: boolean;
  readonly refuseLeadingWhitespace?: boolean;
}

/**
 * An unsigned 32-bit number read as systemd's safe_atou_full() reads it with
 * an explicit base (src/basic/parse-util.c): its whitespace skipped, then
 * strtoul(), which skips C spaces and takes a sign itself; the whole text must
 * be used, and the value fit in 32 bits ('-0' is 0). Undefined where systemd
 * refuses the text. Linear in the text.
 */
export function safeAtou(text: string, base: 8 | 10, flags: AtouFlags = {}): number | undefined {
  // strchr(WHITESPACE, s[0]) also matches the terminating NUL: an empty text is refused too.
  if (flags.refuseLeadingWhitespace && (text === '' || WHITESPACE.includes(text[0]!))) return undefined;
  let i = 0;
  while (i < text.length && WHITESPACE.includes(text[i]!)) i++;
  if (flags.refusePlusMinus && (text[i] === '+' || text[i] === '-')) return undefined;
  if (flags.refuseLeadingZero && text[i] === '0' && i + 1 < text.length) return undefined;
  while (i < text.length && C_SPACE.includes(text[i]!)) i++;
  const negative = text[i] === '-';
  if (text[i] === '+' || text[i] === '-') i++;
  const digitsStart = i;
  let value = 0;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit >= base) break;
    // Past 32 bits the text is refused whatever follows; keep scanning only to find its end.
    if (value <= UINT_MAX) value = value * base + digit;
  }
  if (i === digitsStart || i !== text.length) return undefined;
  if (value > UINT_MAX || (negative && value !== 0)) return undefined;
  return value;
}

/**
 * A user or group id as systemd's parse_uid() reads one (src/basic/user-util.c):
 * decimal with no sign, leading zero or whitespace, 32 bits; (uid_t)-1 and
 * the 16-bit -1, 65535, are not ids. Undefined where systemd refuses the text.
 */
export function parseUid(text: string): number | undefined {
  const id = safeAtou(text, 10, { refusePlusMinus: true, refuseLeadingZero: true, refuseLeadingWhitespace: true });
  return id === undefined || id === 0xffffffff || id === 0xffff ? undefined : id;
}
