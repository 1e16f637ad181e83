import { parseTimeSpan } from '../systemd-time-span.js';

/** Since v249 the age may start with the timestamps it looks at: "a", "b", "c", "m" (files), upper case for directories, then ':'. */
export const AGE_BY_SINCE = 249;

const AGE_BY_LETTERS = 'abcmABCM';
const WHITESPACE = ' \t\n\r';

/** parse_age_by_from_arg: letters and whitespace, at least one letter. */
function isAgeBy(text: string): boolean {
  let letters = 0;
  for (const c of text) {
    if (AGE_BY_LETTERS.includes(c)) letters++;
    else if (!WHITESPACE.includes(c)) return false;
  }
  return letters > 0;
}

/**
 * What is wrong with an Age column as systemd-tmpfiles reads it (parse_line):
 * an optional '~' (keep the first level), an optional age-by before the first
 * ':', then a time span (parse_sec). Every line type takes one. `value` is
 * neither empty nor '-'.
 */
export function ageProblem(value: string, version: number): string | undefined {
  let age = value.startsWith('~') ? value.slice(1) : value;
  const colon = age.indexOf(':');
  if (version >= AGE_BY_SINCE && colon >= 0) {
    const by = age.slice(0, colon);
    if (!isAgeBy(by)) return `invalid age-by '${by}' in age '${value}': only a, b, c, m (files) and A, B, C, M (directories) may stand before ':'`;
    age = age.slice(colon + 1);
  }
  if (parseTimeSpan(age) !== undefined) return undefined;
  const hint = version < AGE_BY_SINCE && colon >= 0 ? ` (an age-by before ':' is read since systemd ${AGE_BY_SINCE})` : '';
  return `invalid age '${value}': not a time span like 10d or 1h 5min${hint}`;
}
