import path from 'node:path';
import { fhsLocation } from '../fhs/roots.js';

/**
 * How an executable name relates to the FHS tree that a hermetic-/usr system
 * does not have.
 * - fhs: /usr/bin/x, /usr/local/bin/x, /bin/x, /sbin/x, /lib/systemd/x, …
 *   (below a folder of programs of an FHS root, see FHS_ROOTS); `relative`
 *   is the path an output would have it at (bin/x, lib/systemd/x).
 * - bare: a name without a slash, looked up by systemd in its compiled-in
 *   search path (v239+); `relative` is bin/<name>.
 * - store: already inside the Nix store; `relative` is the path inside the
 *   store object, for --update.
 * - other: any other absolute path (/etc/…, /opt/…, /run/…): not ours to touch.
 */
export type FhsPath =
  | { readonly kind: 'fhs' | 'bare' | 'store'; readonly relative: string; readonly name: string }
  | { readonly kind: 'other' };

/** The folders of an output programs are kept in, at any depth (lib/systemd/x, share/foo/x): not include/, games/, …. */
const PROGRAM_TOPS = new Set(['bin', 'sbin', 'lib', 'lib64', 'libexec', 'share']);

export function classifyExecutable(file: string, storeDir: string): FhsPath {
  if (!file.includes('/')) {
    if (file === '' || file === '.' || file === '..') return { kind: 'other' };
    return { kind: 'bare', relative: `bin/${file}`, name: file };
  }
  const normal = path.posix.normalize(file);
  if (!normal.startsWith('/')) return { kind: 'other' };
  const storePrefix = storeDir.endsWith('/') ? storeDir : `${storeDir}/`;
  if (normal.startsWith(storePrefix)) {
    const rest = normal.slice(storePrefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) return { kind: 'other' };
    const relative = rest.slice(slash + 1);
    return { kind: 'store', relative, name: path.posix.basename(relative) };
  }
  const relative = fhsLocation(normal)?.relative;
  const slash = relative?.indexOf('/') ?? -1;
  if (relative === undefined || slash < 0 || !PROGRAM_TOPS.has(relative.slice(0, slash))) return { kind: 'other' };
  return { kind: 'fhs', relative, name: path.posix.basename(relative) };
}

/** True for bin/x and sbin/x: names a PATH lookup may find. */
export function isBinRelative(relative: string): boolean {
  const parts = relative.split('/');
  return parts.length === 2 && (parts[0] === 'bin' || parts[0] === 'sbin');
}

/**
 * Where a file (not necessarily a program) named by an absolute path would
 * be in an output, by the FHS table: /usr/share/x → share/x, /lib/udev →
 * lib/udev. Undefined for other paths (/etc, /var, /run, the store) and for
 * a root itself (/usr, /usr/local, /bin, …), which stands for the whole
 * system rather than a file in it.
 */
export function fhsFileRelative(file: string): string | undefined {
  const at = fhsLocation(file);
  return at === undefined || at.relative === at.root.relative ? undefined : at.relative;
}
