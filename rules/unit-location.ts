import { lintFormatOf } from '../src/lint/collect.js';
import { formatById } from '../src/formats/registry.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

/** The formats systemd reads, and where it reads a store output's files of each on a hermetic-/usr system (the registry's folders). */
const READ_FOLDERS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  (['unit', 'tmpfiles', 'sysusers'] as const).map((id) => [id, formatById(id).folders.map((folder) => `${folder}/`)]),
);

/** Units NixOS links from a package's etc/ (systemd.packages reads etc/systemd/{system,user} as well as lib/). */
const ETC_UNIT_FOLDERS = formatById('unit').etcFolders.map((folder) => `${folder}/`);

function advice(relative: string, format: string): string {
  if (relative.startsWith('usr/')) return `move it to $out/${relative.slice(4)} (the output is the /usr of a hermetic system)`;
  if (format === 'unit' && ETC_UNIT_FOLDERS.some((f) => relative.startsWith(f))) {
    return `on a hermetic-/usr system the package is /usr and etc/systemd is the administrator's (where units are enabled and overridden), so install it as $out/lib/${relative.slice(4)}; NixOS also reads a package's etc/systemd: there, set unit-location.etc-units = allow`;
  }
  if (relative.startsWith('etc/')) return `a package's etc/ is not read: install it as $out/lib/${relative.slice(4)}`;
  if (format === 'unit' && relative.startsWith('share/systemd/system/')) return 'system units belong in $out/lib/systemd/system';
  return `systemd reads ${READ_FOLDERS[format]!.map((f) => `$out/${f}`).join(', ')}`;
}

export const unitLocation = defineRule({
  meta: {
    id: 'unit-location',
    description: 'Units, tmpfiles.d or sysusers.d files in a folder systemd does not read on a hermetic-/usr system',
    formats: ['tree'],
    severity: 'warning',
    docs: docsPage('unit-location'),
    messages: { notRead: '{{relative}} is not where systemd reads {{what}}: {{advice}}' },
    fixable: false,
    options: {
      'etc-units': {
        values: ['report', 'allow'],
        describe: "allow: units in etc/systemd/{system,user} are not findings (NixOS's systemd.packages links them); report: they are (hermetic /usr, the default)",
      },
    },
  },
  create(context) {
    const etcUnitsAllowed = context.options['etc-units'] === 'allow';
    for (const relative of context.tree.files) {
      const format = lintFormatOf(relative);
      if (!format || !READ_FOLDERS[format]) continue;
      if (READ_FOLDERS[format].some((folder) => relative.startsWith(folder))) continue;
      if (etcUnitsAllowed && format === 'unit' && ETC_UNIT_FOLDERS.some((f) => relative.startsWith(f))) continue;
      const what = format === 'unit' ? 'units' : `${format}.d files`;
      context.report({ file: relative, messageId: 'notRead', data: { relative, what, advice: advice(relative, format) } });
    }
  },
});
