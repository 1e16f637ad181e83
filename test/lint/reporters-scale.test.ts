import { Chalk } from 'chalk';
import { formatGithub } from '../../src/lint/reporters/github.js';
import { formatJson } from '../../src/lint/reporters/json.js';
import { formatStylish } from '../../src/lint/reporters/stylish.js';
import type { Finding } from '../../src/lint/types.js';

/**
 * A closure can hold a file with 100,000 findings: each reporter's output grows
 * linearly with them (bytes per finding stay the same from 1,000 to 100,000),
 * so nothing is repeated per finding that should appear once, or the other
 * way round.
 */
function findings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    ruleId: 'unit-command-fhs',
    severity: 'error',
    message: 'ExecStart runs /usr/bin/x, which a hermetic-/usr system does not have',
    path: `/nix/store/x/lib/systemd/system/u${i % 100}.service`,
    line: i + 1,
    column: 11,
    fixable: true,
    sourceLine: 'ExecStart=/usr/bin/x',
  }));
}

const REPORTERS: [string, (f: Finding[]) => string][] = [
  ['stylish', (f) => formatStylish(f, new Chalk({ level: 0 }), (p) => p)],
  ['json', (f) => formatJson(f, 100)],
  ['github', (f) => formatGithub(f, (p) => p)],
];

test.each(REPORTERS)('%s: bytes per finding are the same for 1,000 and 100,000 findings', (_name, format) => {
  const small = format(findings(1000)).length / 1000;
  const large = format(findings(100_000)).length / 100_000;
  // Line numbers grow from 4 to 6 digits: a few bytes per finding, not a factor.
  expect(Math.abs(large - small)).toBeLessThan(small * 0.05 + 12);
});
