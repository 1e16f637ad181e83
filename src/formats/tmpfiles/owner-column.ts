import { parseUid } from '../systemd-integers.js';
import { ONLY_WHEN_CREATED_SINCE } from './mode-column.js';

/** The users and groups of the system the lines are for, when known (an image's /etc/passwd and /etc/group). */
export interface Accounts {
  readonly users: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
}

export type OwnerProblem = { readonly error: string } | { readonly warning: string } | undefined;

/** Digits after any signs and spaces: meant as an id, though parse_uid() refused it. */
function looksNumeric(text: string): boolean {
  let i = 0;
  while (i < text.length && ' \t\n\r+-'.includes(text[i]!)) i++;
  return text[i] !== undefined && text[i]! >= '0' && text[i]! <= '9';
}

/**
 * What is wrong with a User or Group column. systemd-tmpfiles takes a numeric
 * id, else "root", else looks the name up (find_uid and find_gid in
 * tmpfiles.c; with --root in ROOT/etc/passwd and ROOT/usr/lib/passwd, or
 * group), and ignores the line when that fails. Which names exist depends on
 * the system, so without `accounts` only names no system can have (empty, or
 * with a ':', which /etc/passwd cannot hold) are errors.
 * `value` is neither empty nor '-'.
 */
export function ownerProblem(kind: 'user' | 'group', value: string, version: number, accounts?: Accounts): OwnerProblem {
  const name = version >= ONLY_WHEN_CREATED_SINCE && value.startsWith(':') ? value.slice(1) : value;
  if (parseUid(name) !== undefined || name === 'root') return undefined;
  if (name === '') return { error: `empty ${kind} name after ':'` };
  if (name.includes(':')) return { error: `${kind} '${name}' cannot exist: a ${kind} name has no ':'` };
  if (accounts) {
    return (kind === 'user' ? accounts.users : accounts.groups).has(name) ? undefined : { error: `unknown ${kind} '${name}': not a numeric id and not a ${kind} of the system` };
  }
  if (looksNumeric(name)) {
    return { warning: `${kind} '${name}' is looked up as a name: a numeric id has no sign, leading zero or space and is not 65535 or 4294967295` };
  }
  return undefined;
}
