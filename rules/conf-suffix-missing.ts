import { confOnlyFolderOf } from '../src/lint/conf-folders.js';
import type { Rule } from '../src/lint/types.js';

export const confSuffixMissing: Rule = {
  id: 'conf-suffix-missing',
  description: 'A file in a tmpfiles.d or sysusers.d folder without the .conf suffix, which systemd silently ignores',
  severity: 'warning',
  fixable: false,
  appliesTo: ['tree'],
  checkTree(tree, context) {
    for (const relative of tree.files) {
      const folder = confOnlyFolderOf(relative);
      if (!folder || relative.endsWith('.conf')) continue;
      const name = relative.slice(relative.lastIndexOf('/') + 1);
      const tool = folder === 'tmpfiles.d' ? 'systemd-tmpfiles' : 'systemd-sysusers';
      context.report({ file: relative, message: `${tool} reads only *.conf in ${folder}/, so it ignores ${name}: rename it to ${name.replace(/\.[^.]*$/, '')}.conf` });
    }
  },
};
