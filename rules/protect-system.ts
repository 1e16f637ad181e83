import { valuePosition } from '../src/lint/positions.js';
import { readAssignments } from '../src/lint/unit-walk.js';
import type { Rule } from '../src/lint/types.js';

export const protectSystem: Rule = {
  id: 'protect-system',
  description: 'ProtectSystem= makes /usr read-only, which does not cover /nix/store',
  severity: 'info',
  fixable: false,
  appliesTo: ['unit'],
  checkFile(file, context) {
    for (const node of readAssignments(file.unit!, file.path)) {
      if (node.key !== 'ProtectSystem') continue;
      // strict makes the whole tree read-only, /nix/store included; no, false: nothing to note.
      const value = node.value.toLowerCase();
      if (/^(no|false|0|off|strict|)$/.test(value)) continue;
      const covered = value === 'full' ? '/usr, /boot and /etc' : '/usr and /boot';
      context.report({
        ...valuePosition(file.unit!, node, 0),
        message: `ProtectSystem=${node.value} makes ${covered} read-only; the programs and config of a hermetic-/usr system live in /nix/store, which it does not cover (ProtectSystem=strict or ReadOnlyPaths=/nix/store does)`,
      });
    }
  },
};
