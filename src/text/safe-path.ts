/**
 * Characters a path written into a unit, tmpfiles.d or sysusers.d file may
 * hold without quoting, escaping or '%%': every store path qualifies. A
 * resolved path with anything else is reported instead of written.
 */
const SAFE_PATH = /^[A-Za-z0-9/._+\-=?@,:~]+$/;

export function isSafePath(path: string): boolean {
  return SAFE_PATH.test(path);
}
