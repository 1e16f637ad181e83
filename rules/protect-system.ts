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
      if (node.key !== 'ProtectSystem' || /^(no|false|0|off|)$/i.test(node.value)) continue;
      context.report({
        ...valuePosition(file.unit!, node, 0),
        message: `ProtectSystem=${node.value} makes /usr and /boot read-only; the programs and config of a hermetic-/usr system live in /nix/store, which it does not cover`,
      });
    }
  },
};
