import path from 'node:path';

/** An FHS folder a file may name, and the folder of a package's output that stands for it. */
export interface FhsRoot {
  readonly root: string;
  /** Relative to the output: '' is the output itself. */
  readonly relative: string;
}

/**
 * The roots a hermetic-/usr system does not have, longest first. An output
 * is the /usr of its package (configure's prefix=/usr becomes prefix=$out),
 * and /usr/local has the same layout (FHS 3.0 §4.9). /bin, /sbin, /lib and
 * /lib64 are the essential folders of FHS 3.0 ch. 3, which merged /usr
 * (Debian 12, Fedora 17 on, systemd's hermetic /usr) makes links to
 * usr/bin, usr/sbin, usr/lib and usr/lib64: the same files, so the same
 * place in an output. Not roots: /libexec and /share (FHS has neither at the
 * top and no distribution links them), /opt, /var, /run, and /etc (see
 * ETC_ROOT).
 */
export const FHS_ROOTS: readonly FhsRoot[] = [
  { root: '/usr/local', relative: '' },
  { root: '/usr', relative: '' },
  { root: '/bin', relative: 'bin' },
  { root: '/sbin', relative: 'sbin' },
  { root: '/lib64', relative: 'lib64' },
  { root: '/lib', relative: 'lib' },
];

/**
 * /etc exists on every system (it is the administrator's), so a path there
 * is no FHS path to resolve; but a .pc file's sysconfdir=/etc, or a
 * template's /etc, says where the package itself put files: its output's etc/.
 */
export const ETC_ROOT: FhsRoot = { root: '/etc', relative: 'etc' };

const WITH_ETC: readonly FhsRoot[] = [...FHS_ROOTS, ETC_ROOT];

/** Each root with the prefix a path below it starts with, made once: fhsLocation is asked about every path word of every file. */
const withPrefix = (roots: readonly FhsRoot[]) => roots.map((root) => ({ root, below: `${root.root}/` }));
const PREFIXED = withPrefix(FHS_ROOTS);
const PREFIXED_WITH_ETC = withPrefix(WITH_ETC);

/** A path that path.posix.normalize would change: one with '//' or a '.' or '..' component (it keeps a trailing '/'). */
const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)/;

export interface FhsLocation {
  readonly root: FhsRoot;
  /** The normalised path's place in an output: '' for the bare /usr or /usr/local. */
  readonly relative: string;
}

/**
 * Where an absolute path would be in an output, by the table: /usr/bin/x and
 * /usr/local/bin/x → bin/x, /lib/udev → lib/udev, /usr → ''. Undefined for
 * any other path. `etc`: also /etc (ETC_ROOT).
 */
export function fhsLocation(file: string, options: { readonly etc?: boolean } = {}): FhsLocation | undefined {
  if (!file.startsWith('/')) return undefined;
  const normal = NOT_NORMAL.test(file) ? path.posix.normalize(file) : file;
  for (const { root, below } of options.etc ? PREFIXED_WITH_ETC : PREFIXED) {
    if (normal !== root.root && !normal.startsWith(below)) continue;
    const rest = normal.slice(root.root.length + 1);
    return { root, relative: root.relative === '' ? rest : rest === '' ? root.relative : `${root.relative}/${rest}` };
  }
  return undefined;
}

/** The roots as a regular expression alternation, longest first (/usr/local before /usr, /lib64 before /lib). */
export function rootAlternation(options: { readonly etc?: boolean } = {}): string {
  return (options.etc ? WITH_ETC : FHS_ROOTS).map((r) => r.root.replaceAll('/', '\\/')).join('|');
}

/** The first folder of each root (usr, bin, sbin, lib64, lib), as an alternation: for spotting such a path in a longer text. */
export const ROOT_FOLDERS = [...new Set(FHS_ROOTS.map((r) => r.root.split('/')[1]!))].join('|');
