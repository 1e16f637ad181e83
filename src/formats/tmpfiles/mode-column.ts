import { safeAtou } from '../systemd-integers.js';

/** Since v214 a '~' before the mode masks it by the existing object's bits. */
export const MODE_MASK_SINCE = 214;
/** Since v252 a ':' before mode, user or group applies it only to a new object; the mode then takes any run of '~' and ':'. */
export const ONLY_WHEN_CREATED_SINCE = 252;

/**
 * What is wrong with a Mode column as systemd-tmpfiles reads it (parse_line
 * and parse_mode): its prefixes, then an octal number up to 07777 that
 * safe_atou_full() takes (leading whitespace, no sign, no "0o"). `value` is
 * neither empty nor '-'.
 */
export function modeProblem(value: string, version: number): string | undefined {
  let i = 0;
  if (version >= ONLY_WHEN_CREATED_SINCE) while (value[i] === '~' || value[i] === ':') i++;
  else if (version >= MODE_MASK_SINCE && value[0] === '~') i = 1;
  const mode = safeAtou(value.slice(i), 8, { refusePlusMinus: true });
  if (mode !== undefined && mode <= 0o7777) return undefined;
  const hint = version < ONLY_WHEN_CREATED_SINCE && value.includes(':') ? ` (':' before a mode is read since systemd ${ONLY_WHEN_CREATED_SINCE})` : '';
  return `invalid mode '${value}': not an octal mode from 0 to 07777${hint}`;
}
