import { defineRule, docsPage } from '../src/lint/rule.js';

/** Folders a package should not ship on a hermetic-/usr system, and why. */
const FORBIDDEN: Readonly<Record<string, string>> = {
  'lib/credstore': 'credentials belong to the system, not to a package',
  'lib/kernel': 'kernel install plugins and config belong to the image, not to a package',
  'lib/rpm': 'RPM macros and helpers have no use outside an RPM build',
};

export const forbiddenFolder = defineRule({
  meta: {
    id: 'forbidden-folder',
    description: 'Folders that should not ship: lib/credstore, lib/kernel, lib/rpm, empty lib/systemd folders',
    formats: ['tree'],
    severity: 'warning',
    docs: docsPage('forbidden-folder'),
    messages: {
      forbidden: '{{dir}}/ should not ship: {{why}}',
      empty: '{{dir}}/ is empty: remove it (rmdir in postInstall), it only adds noise to the system tree',
    },
    fixable: false,
  },
  create(context) {
    for (const [dir, entries] of context.tree.dirs) {
      if (Object.hasOwn(FORBIDDEN, dir)) context.report({ file: dir, messageId: 'forbidden', data: { dir, why: FORBIDDEN[dir]! } });
      else if (entries === 0 && (dir === 'lib/systemd' || dir.startsWith('lib/systemd/'))) context.report({ file: dir, messageId: 'empty', data: { dir } });
    }
  },
});
