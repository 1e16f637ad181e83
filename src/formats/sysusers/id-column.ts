import { parseUid } from '../systemd-integers.js';
import { isValidAccountName } from './account-name.js';

/** What parse_uid() takes, for the messages. */
const idRule = 'decimal with no sign, leading zero or space, below 4294967295 and not 65535';

/**
 * Why sysusers refuses the ID column of a 'u' line: an absolute path (whose
 * file's owner is taken, whether or not it exists) is taken as it is;
 * otherwise 'UID', '-' or either followed by ':' and a GID or a group name,
 * split at the first ':' (parse_line in src/sysusers/sysusers.c).
 */
export function userIdProblem(value: string): string | undefined {
  if (value.startsWith('/')) return undefined;
  const colon = value.indexOf(':');
  const uid = colon < 0 ? value : value.slice(0, colon);
  if (colon >= 0) {
    const gid = value.slice(colon + 1);
    if (parseUid(gid) === undefined && !isValidAccountName(gid)) return `'${value}': '${gid}' after ':' is neither a GID nor a valid group name`;
  }
  if (uid !== '-' && parseUid(uid) === undefined) return `'${value}' is not a UID: ${idRule}`;
  return undefined;
}

/** The ID column of a 'g' line: an absolute path or a GID. */
export function groupIdProblem(value: string): string | undefined {
  if (value.startsWith('/') || parseUid(value) !== undefined) return undefined;
  return `'${value}' is not a GID: ${idRule}`;
}

/** The ID column of an 'r' line: 'ID' or 'LOW-HIGH', split at the first '-', LOW at most HIGH (uid_range_add_str). */
export function rangeProblem(value: string): string | undefined {
  const dash = value.indexOf('-');
  const low = parseUid(dash < 0 ? value : value.slice(0, dash));
  const high = dash < 0 ? low : parseUid(value.slice(dash + 1));
  if (low === undefined || high === undefined) return `'${value}' is not an ID range: 'LOW-HIGH' or one ID, ${idRule}`;
  if (high < low) return `ID range '${value}' ends before it starts`;
  return undefined;
}
