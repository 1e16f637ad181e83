const WHITESPACE = ' \t\n\r';
const C_SPACE = ' \t\n\v\f\r';
const USEC_INFINITY = 2n ** 64n - 1n;
const LLONG_MAX = 2n ** 63n - 1n;
const SECOND = 1_000_000n;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const DAY = 24n * HOUR;
const WEEK = 7n * DAY;
const MONTH = 2_629_800n * SECOND;
const YEAR = 31_557_600n * SECOND;

/**
 * The units systemd's time spans know, in the order it tries them: the first
 * that begins the text wins, so "5ms" is milliseconds and "5secs" leaves an
 * "s" over (src/basic/time-util.c, extract_multiplier). The micro signs are
 * UTF-8 bytes, as the byte strings hold them.
 */
const UNITS: readonly (readonly [string, bigint])[] = [
  ['seconds', SECOND],
  ['second', SECOND],
  ['sec', SECOND],
  ['s', SECOND],
  ['minutes', MINUTE],
  ['minute', MINUTE],
  ['min', MINUTE],
  ['months', MONTH],
  ['month', MONTH],
  ['M', MONTH],
  ['msec', 1000n],
  ['ms', 1000n],
  ['m', MINUTE],
  ['hours', HOUR],
  ['hour', HOUR],
  ['hr', HOUR],
  ['h', HOUR],
  ['days', DAY],
  ['day', DAY],
  ['d', DAY],
  ['weeks', WEEK],
  ['week', WEEK],
  ['w', WEEK],
  ['years', YEAR],
  ['year', YEAR],
  ['y', YEAR],
  ['usec', 1n],
  ['us', 1n],
  ['\xce\xbcs', 1n],
  ['\xc2\xb5s', 1n],
];

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function skip(text: string, at: number, set: string): number {
  while (at < text.length && set.includes(text[at]!)) at++;
  return at;
}

/**
 * A time span in microseconds, read as systemd's parse_sec() reads one
 * (parse_time in src/basic/time-util.c, the same in 252 and 257): numbers,
 * each with an optional fraction and unit (seconds when none), summed;
 * whitespace around them; "infinity" alone; no sign but a '+' strtoll()
 * takes; below 2^64-1 µs. Undefined where systemd refuses the text. Linear in
 * the text (a number of more than 19 digits overflows before it is converted).
 */
export function parseTimeSpan(text: string): bigint | undefined {
  let p = skip(text, 0, WHITESPACE);
  if (text.startsWith('infinity', p)) return skip(text, p + 8, WHITESPACE) === text.length ? USEC_INFINITY : undefined;
  let usec = 0n;
  for (let something = false; ; something = true) {
    p = skip(text, p, WHITESPACE);
    if (p === text.length) return something ? usec : undefined;
    if (text[p] === '-') return undefined;
    // strtoll(): its own spaces, a sign, decimal digits; without digits it stops where it began.
    let q = skip(text, p, C_SPACE);
    const negative = text[q] === '-';
    if (text[q] === '+' || negative) q++;
    const digitsStart = q;
    while (isDigit(text[q])) q++;
    let whole = 0n;
    let e = p;
    if (q > digitsStart) {
      const significant = text.slice(skip(text, digitsStart, '0'), q);
      if (significant.length > 19) return undefined;
      whole = BigInt(`0${significant}`);
      if (whole > LLONG_MAX || (negative && whole !== 0n)) return undefined;
      e = q;
    }
    const fraction = text[e] === '.';
    if (fraction) p = skip(text, e + 1, '0123456789');
    else if (e === p) return undefined;
    else p = e;

    const unitAt = skip(text, p, WHITESPACE);
    const unit = UNITS.find(([suffix]) => text.startsWith(suffix, unitAt));
    const multiplier = unit ? unit[1] : SECOND;
    const s = unit ? unitAt + unit[0].length : unitAt;
    if (s === p && s < text.length) return undefined;
    p = s;

    if (whole >= USEC_INFINITY / multiplier) return undefined;
    const k = whole * multiplier;
    if (k >= USEC_INFINITY - usec) return undefined;
    usec += k;

    if (fraction) {
      let b = e + 1;
      for (let m = multiplier / 10n; isDigit(text[b]); b++, m /= 10n) {
        if (m === 0n) continue;
        const digit = BigInt(text.charCodeAt(b) - 0x30) * m;
        if (digit >= USEC_INFINITY - usec) return undefined;
        usec += digit;
      }
      if (b === e + 1) return undefined;
    }
  }
}
