import path from 'node:path';
import { displayText } from '../src/text/bytes.js';
import { fhsFileRelative } from '../src/resolve/fhs-path.js';
import { settingPaths } from '../src/formats/unit/setting-paths.js';
import { planSettingRewrites } from '../src/fix/plans/unit-settings.js';
import { locate } from '../src/text/line-index.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

export const unitSettingFhsPath = defineRule({
  meta: {
    id: 'unit-setting-fhs-path',
    description: 'A unit setting reads a path under /usr, or config under /etc that the package ships itself',
    formats: ['unit'],
    severity: 'warning',
    docs: docsPage('unit-setting-fhs-path'),
    messages: {
      fhs: '{{key}}= names {{path}}, which a hermetic-/usr system does not have',
      shippedEtc: '{{key}}= names {{path}}, which the package ships in its own etc/: read it from the store path instead',
    },
    fixable: 'unit',
  },
  create(context) {
    const { file } = context;
    const unit = file.model;
    // What `unitfix fix` rewrites is fixable; the planner decides, so lint and fix agree.
    const fixed = new Set(planSettingRewrites(unit, file.kind, context.resolver).replacements.map((r) => `${r.line}:${r.column}`));
    // Most store paths ship no etc/: the walk's top-level names spare a look-up per /etc setting.
    const shipsEtc = context.topLevel?.has('etc') ?? true;
    for (const node of file.assignments) {
      for (const found of settingPaths(node)) {
        const p = displayText(found.path);
        if (p.includes('%')) continue;
        const at = node.valueMap.sourceOffset(found.start);
        if (fhsFileRelative(p) !== undefined && p.startsWith('/')) {
          const { line, column } = locate(unit.lines, at);
          context.report({ at, messageId: 'fhs', data: { key: node.key, path: p }, fix: fixed.has(`${line}:${column}`) });
        } else if (p.startsWith('/etc/') && !found.optional && shipsEtc && context.resolver.exists(path.join(file.root, p))) {
          // An optional '-/etc/…' is where the administrator may put an override: that is its purpose.
          context.report({ at, messageId: 'shippedEtc', data: { key: node.key, path: p } });
        }
      }
    }
  },
});
