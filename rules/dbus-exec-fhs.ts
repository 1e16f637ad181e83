import { planDbusRewrites } from '../src/fix/plans/dbus-service.js';
import { dbusServiceBus } from '../src/formats/dbus/places.js';
import type { Rule } from '../src/lint/types.js';

export const dbusExecFhs: Rule = {
  id: 'dbus-exec-fhs',
  description: 'A D-Bus activation file starts a program from /usr, /bin or /sbin (or by bare name), or passes it such a path',
  severity: 'error',
  fixable: true,
  appliesTo: ['dbus-service'],
  checkFile(file, context) {
    // The planner `unitfix fix` uses decides what it can rewrite; what it leaves is still reported.
    const plan = planDbusRewrites(file.dbus!, context.resolver, dbusServiceBus(file.path));
    for (const r of plan.replacements) {
      const what = r.kind === 'program' ? `Exec= runs ${r.from}` : `Exec= passes ${r.from}`;
      context.report({ line: r.line, column: r.column, message: `${what}, which a hermetic-/usr system does not have; it is at ${r.to}`, fixable: true });
    }
    for (const p of plan.problems) context.report({ line: p.line, column: p.column, message: `Exec=: ${p.message}` });
  },
};
