import type { Rule } from '../src/lint/types.js';

/** Folders a package should not ship on a hermetic-/usr system, and why. */
const FORBIDDEN: Readonly<Record<string, string>> = {
  'lib/credstore': 'credentials belong to the system, not to a package',
  'lib/kernel': 'kernel install plugins and config belong to the image, not to a package',
  'lib/rpm': 'RPM macros and helpers have no use outside an RPM build',
};

export const forbiddenFolder: Rule = {
  id: 'forbidden-folder',
  description: 'Folders that should not ship: lib/credstore, lib/kernel, lib/rpm, empty lib/systemd folders',
  severity: 'warning',
  fixable: false,
  appliesTo: ['tree'],
  checkTree(tree, context) {
    for (const [dir, entries] of tree.dirs) {
      if (Object.hasOwn(FORBIDDEN, dir)) context.report({ file: dir, message: `${dir}/ should not ship: ${FORBIDDEN[dir]}` });
      else if (entries === 0 && (dir === 'lib/systemd' || dir.startsWith('lib/systemd/'))) {
        context.report({ file: dir, message: `${dir}/ is empty: remove it (rmdir in postInstall), it only adds noise to the system tree` });
      }
    }
  },
};
