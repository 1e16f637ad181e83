import { defineRule, docsPage } from '../src/lint/rule.js';

export const protectSystem = defineRule({
  meta: {
    id: 'protect-system',
    description: 'ProtectSystem= makes /usr read-only, which does not cover /nix/store',
    formats: ['unit'],
    severity: 'info',
    docs: docsPage('protect-system'),
    messages: {
      notStore:
        'ProtectSystem={{value}} makes {{covered}} read-only; the programs and config of a hermetic-/usr system live in /nix/store, which it does not cover (ProtectSystem=strict or ReadOnlyPaths=/nix/store does)',
    },
    fixable: false,
  },
  create(context) {
    for (const node of context.file.assignments) {
      if (node.key !== 'ProtectSystem') continue;
      // strict makes the whole tree read-only, /nix/store included; no, false: nothing to note.
      const value = node.value.toLowerCase();
      if (/^(no|false|0|off|strict|)$/.test(value)) continue;
      const covered = value === 'full' ? '/usr, /boot and /etc' : '/usr and /boot';
      context.report({ at: node.valueMap.sourceOffset(0), messageId: 'notStore', data: { value: node.value, covered } });
    }
  },
});
