import { Chalk } from 'chalk';
import { formatGithub, githubChunks } from '../../src/lint/reporters/github.js';
import { formatJson, jsonChunks } from '../../src/lint/reporters/json.js';
import { formatStylish, stylishChunks } from '../../src/lint/reporters/stylish.js';
import { FINDINGS_PER_CHUNK } from '../../src/lint/reporters/chunks.js';
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

/**
 * The CLI writes a report as its reporter makes it, a batch of findings at a
 * time, so that a closure's tens of megabytes of report are never one string
 * in memory (measured: the stylish report of 40,000 findings took lint's peak
 * from about 140 MB to 200 MB when it was built whole).
 */
const CHUNKED: [string, (f: Finding[], show: (p: string) => string) => Iterable<string>][] = [
  ['stylish', (f, show) => stylishChunks(f, new Chalk({ level: 0 }), show)],
  ['json', (f) => jsonChunks(f, 100)],
  ['github', (f, show) => githubChunks(f, show)],
];

test.each(CHUNKED)('%s: made a batch at a time, each chunk the same few hundred kilobytes at most, and together the whole report', (name, chunked) => {
  const all = findings(100_000);
  let shown = 0;
  const show = (p: string) => (shown++, p);
  const iterator = chunked(all, show)[Symbol.iterator]();
  const first = iterator.next();
  expect(first.done).toBe(false);
  // Formatting the first chunk formatted no more than a chunk's findings.
  if (name !== 'json') expect(shown).toBe(FINDINGS_PER_CHUNK);
  const chunks = [first.value as string];
  for (let next = iterator.next(); !next.done; next = iterator.next()) chunks.push(next.value);
  expect(chunks.length).toBeGreaterThanOrEqual(100_000 / FINDINGS_PER_CHUNK);
  expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(FINDINGS_PER_CHUNK * 300);
  const text = chunks.join('');
  // Whole findings in order, as the report made in one piece by JSON.stringify would hold them.
  if (name === 'json') {
    expect(text).toBe(`${JSON.stringify({ summary: { error: 100_000, warning: 0, info: 0, fixable: 100_000, filesScanned: 100 }, findings: all.map(({ sourceLine: _, ...f }) => f) })}\n`);
  } else {
    expect(text.split('\n').length).toBe(name === 'stylish' ? 3 * 100_000 + 4 : 100_000 + 1);
  }
});
