import { isSystemdValidUtf8 } from '../../text/utf8.js';

/** specifier_printf() refuses a home or shell longer than PATH_MAX - 1 before any check. */
const MAX_PATH_LENGTH = 4095;
/** path_is_valid(): no component may be longer than NAME_MAX. */
const MAX_COMPONENT_LENGTH = 255;
/** 'shells may not be dirs': from v257 on, valid_shell() refuses a shell ending in '/', which after path_simplify() only '/' does. */
export const SHELL_NOT_ROOT_SINCE = 257;

/** string_has_cc(): C0 controls and DEL; tab counts too. */
function controlCharacter(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return `0x${code.toString(16).padStart(2, '0')}`;
  }
  return undefined;
}

/** Why systemd's valid_gecos() refuses a GECOS field (src/basic/user-util.c); undefined when it takes it. */
export function gecosProblem(value: string): string | undefined {
  if (!isSystemdValidUtf8(value)) return 'GECOS field is not valid UTF-8';
  const cc = controlCharacter(value);
  if (cc) return `GECOS field has a control character (${cc})`;
  if (value.includes(':')) return `GECOS field '${value}' has a ':', the /etc/passwd field separator`;
  return undefined;
}

/**
 * A path as systemd's path_simplify() leaves it: repeated slashes, '.'
 * components and a trailing slash dropped; '..' stays. Linear.
 */
export function simplifyPath(path: string): string {
  const kept = path.split('/').filter((component) => component !== '' && component !== '.');
  const absolute = path.startsWith('/');
  if (kept.length === 0) return absolute ? '/' : '.';
  return (absolute ? '/' : '') + kept.join('/');
}

/**
 * Why sysusers refuses a home directory or login shell: specifier_printf()'s
 * length limit, then path_simplify() and valid_home() (valid UTF-8, no
 * control character, absolute, no '..' or overlong component, no ':');
 * valid_shell() is the same, and since v257 also refuses '/'.
 */
export function passwdPathProblem(kind: 'home directory' | 'login shell', value: string, version: number): string | undefined {
  if (value.length > MAX_PATH_LENGTH) return `${kind} is longer than ${MAX_PATH_LENGTH} bytes`;
  if (!isSystemdValidUtf8(value)) return `${kind} is not valid UTF-8`;
  const cc = controlCharacter(value);
  if (cc) return `${kind} has a control character (${cc})`;
  if (!value.startsWith('/')) return `${kind} '${value}' is not an absolute path`;
  const simplified = simplifyPath(value);
  const components = simplified.split('/');
  if (components.includes('..')) return `${kind} '${value}' has a '..' component`;
  if (components.some((c) => c.length > MAX_COMPONENT_LENGTH)) return `${kind} has a path component longer than ${MAX_COMPONENT_LENGTH} bytes`;
  if (value.includes(':')) return `${kind} '${value}' has a ':', the /etc/passwd field separator`;
  if (kind === 'login shell' && simplified === '/' && version >= SHELL_NOT_ROOT_SINCE) return `login shell '${value}' is the root directory`;
  return undefined;
}
