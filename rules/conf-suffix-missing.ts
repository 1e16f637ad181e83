import { confOnlyFolderOf } from '../src/lint/conf-folders.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

export const confSuffixMissing = defineRule({
  meta: {
    id: 'conf-suffix-missing',
    description: 'A file in a tmpfiles.d or sysusers.d folder without the .conf suffix, which systemd silently ignores',
    formats: ['tree'],
    severity: 'warning',
    docs: docsPage('conf-suffix-missing'),
    messages: { ignored: '{{tool}} reads only *.conf in {{folder}}/, so it ignores {{name}}: rename it to {{stem}}.conf' },
    fixable: false,
  },
  create(context) {
    for (const relative of context.tree.files) {
      const folder = confOnlyFolderOf(relative);
      if (!folder || relative.endsWith('.conf')) continue;
      const name = relative.slice(relative.lastIndexOf('/') + 1);
      const tool = folder === 'tmpfiles.d' ? 'systemd-tmpfiles' : 'systemd-sysusers';
      context.report({ file: relative, messageId: 'ignored', data: { tool, folder, name, stem: name.replace(/\.[^.]*$/, '') } });
    }
  },
});
