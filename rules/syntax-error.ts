import { locate } from '../src/text/line-index.js';
import type { LintFile, Rule } from '../src/lint/types.js';

/** What the real tool would refuse in each format, with where it is. */
function refusals(file: LintFile): { line: number; column: number; message: string }[] {
  if (file.unit) {
    return file.unit.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...locate(file.unit!.lines, d.span.start), message: `systemd refuses this unit: ${d.message}` }));
  }
  const columns = file.tmpfiles ?? file.sysusers;
  if (columns) {
    const tool = file.tmpfiles ? 'systemd-tmpfiles' : 'systemd-sysusers';
    return columns.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...locate(columns.lines, d.span.start), message: `${tool} rejects this line: ${d.message}` }));
  }
  const udev = file.udevRules;
  if (udev) return udev.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...locate(udev.lines, d.span.start), message: `udev ignores this rule: ${d.message}` }));
  const dbus = file.dbus;
  if (dbus) return dbus.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...locate(dbus.lines, d.span.start), message: d.message }));
  return [];
}

export const syntaxError: Rule = {
  id: 'syntax-error',
  description: 'A line that systemd, systemd-tmpfiles, systemd-sysusers or dbus-daemon would refuse',
  severity: 'error',
  fixable: false,
  appliesTo: ['unit', 'tmpfiles', 'sysusers', 'udev-rules', 'dbus-service'],
  checkFile(file, context) {
    for (const r of refusals(file)) context.report(r);
  },
};
