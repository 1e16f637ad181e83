import { planDbusRewrites } from '../src/fix/plans/dbus-service.js';
import { dbusServiceBus } from '../src/formats/dbus/places.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

export const dbusExecFhs = defineRule({
  meta: {
    id: 'dbus-exec-fhs',
    description: 'A D-Bus activation file starts a program from /usr, /bin or /sbin (or by bare name), or passes it such a path',
    formats: ['dbus-service'],
    severity: 'error',
    docs: docsPage('dbus-exec-fhs'),
    messages: {
      runs: 'Exec= runs {{from}}, which a hermetic-/usr system does not have; it is at {{to}}',
      passes: 'Exec= passes {{from}}, which a hermetic-/usr system does not have; it is at {{to}}',
      unresolved: 'Exec=: {{message}}',
    },
    fixable: 'dbus-service',
  },
  create(context) {
    const { file } = context;
    // The planner `unitfix fix` uses decides what it can rewrite; what it leaves is still reported.
    const plan = planDbusRewrites(file.model, context.resolver, dbusServiceBus(file.path));
    for (const r of plan.replacements) context.report({ position: r, messageId: r.kind === 'program' ? 'runs' : 'passes', data: { from: r.from, to: r.to }, fix: true });
    for (const p of plan.problems) context.report({ position: p, messageId: 'unresolved', data: { message: p.message } });
  },
});
