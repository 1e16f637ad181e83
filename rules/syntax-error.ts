import type { LineDiagnostic } from '../src/text/span.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

/** What each format's tool does with a line it cannot read, as the message starts. */
const REFUSAL = {
  unit: 'unit',
  tmpfiles: 'tmpfiles',
  sysusers: 'sysusers',
  'udev-rules': 'udev',
  'dbus-service': 'dbus',
} as const;

export const syntaxError = defineRule({
  meta: {
    id: 'syntax-error',
    description: 'A line that systemd, systemd-tmpfiles, systemd-sysusers or dbus-daemon would refuse',
    formats: ['unit', 'tmpfiles', 'sysusers', 'udev-rules', 'dbus-service'],
    severity: 'error',
    docs: docsPage('syntax-error'),
    messages: {
      unit: 'systemd refuses this unit: {{message}}',
      tmpfiles: 'systemd-tmpfiles rejects this line: {{message}}',
      sysusers: 'systemd-sysusers rejects this line: {{message}}',
      udev: 'udev ignores this rule: {{message}}',
      dbus: '{{message}}',
    },
    fixable: false,
  },
  create(context) {
    const { file } = context;
    const diagnostics: readonly Pick<LineDiagnostic, 'severity' | 'message' | 'span'>[] = file.model.diagnostics;
    for (const d of diagnostics) if (d.severity === 'error') context.report({ node: d, messageId: REFUSAL[file.format], data: { message: d.message } });
  },
});
