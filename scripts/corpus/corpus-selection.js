// Which files of a .deb belong in the corpus, and what kind each one is.
// Paths here are relative to the package root, without a leading slash.

// A file is taken when one of its folders is one of these (the first ones
// match at any depth: /etc/systemd, /lib/systemd, /usr/lib/systemd ...).
const RELEVANT = /\/(systemd|tmpfiles\.d|sysusers\.d|udev\/rules\.d|dbus-1\/system-services|dbus-1\/services)\/|\/pkgconfig\/.*\.pc$/;
// Headers and documentation that merely talk about such files.
const IGNORED = /^usr\/(include|share\/doc|share\/bug)\//;

const UNIT_TYPES = ['service', 'socket', 'timer', 'target', 'mount', 'automount', 'path', 'slice', 'swap', 'scope', 'device'];
const UNIT_SUFFIX = new RegExp(`\\.(${UNIT_TYPES.join('|')})$`);
const DROPIN_FOLDER = new RegExp(`\\.(${UNIT_TYPES.join('|')})\\.d$`);

/** Whether the path is one the corpus keeps (binary contents are left out separately). */
export function isRelevant(relPath) {
  return RELEVANT.test(`/${relPath}`) && !IGNORED.test(relPath);
}

/** Binary files (helpers, libraries, keyrings) sit beside units in /lib/systemd; text has no NUL. */
export function isText(bytes) {
  return !bytes.includes(0);
}

/** The kind recorded in MANIFEST.tsv, which tests select files by. */
export function kindOf(relPath) {
  const at = `/${relPath}`;
  if (/\/pkgconfig\/.*\.pc$/.test(at)) return 'pkgconfig';
  if (at.includes('/tmpfiles.d/')) return 'tmpfiles';
  if (at.includes('/sysusers.d/')) return 'sysusers';
  if (at.includes('/udev/rules.d/')) return 'udev-rules';
  if (at.includes('/dbus-1/system-services/')) return 'dbus-system-service';
  if (at.includes('/dbus-1/services/')) return 'dbus-session-service';
  const parts = relPath.split('/');
  const base = parts.at(-1);
  const folder = parts.at(-2) ?? '';
  if (DROPIN_FOLDER.test(folder)) return 'unit-dropin';
  if (UNIT_SUFFIX.test(base)) return 'unit';
  if (/\.(network|netdev|link)$/.test(base)) return 'networkd';
  if (base.endsWith('.preset')) return 'preset';
  if (base.endsWith('.conf')) return 'systemd-conf';
  return 'systemd-other';
}
