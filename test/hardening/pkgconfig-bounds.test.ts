import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parsePc } from '../../src/formats/pkgconfig/parse.js';
import { evaluatePc, PC_VALUE_LIMIT } from '../../src/formats/pkgconfig/evaluate.js';
import { BIN, REPO } from '../helpers/cli.js';
import { pkgconf } from '../helpers/pkgconf.js';
import { describeIfTool } from '../helpers/tools.js';
import { makeTree, removeTree } from '../helpers/tree.js';

const FIELDS = 'Name: hostile\nDescription: x\nVersion: 1\n';
/** Each level references the one before it ten times: 10 bytes become 10^10 unbounded. */
const billionLaughs = ['v0=abcdefghij', ...Array.from({ length: 9 }, (_, i) => `v${i + 1}=${`\${v${i}}`.repeat(10)}`)].join('\n');
const chain = ['c0=/usr', ...Array.from({ length: 10_000 }, (_, i) => `c${i + 1}=\${c${i}}/x`)].join('\n');
const big = `big=${'y'.repeat(1 << 20)}\ntwice=\${big}\${big}`;

/**
 * Files whose expansion grows faster than their size. pkgconf expands into a
 * 64 KiB buffer: every value keeps its first 65,534 bytes. unitfix agrees
 * with the installed pkgconf on each variable, and its work is bounded by
 * what it keeps: the bytes of all values together stay under
 * variables × 65,534, and lint and fix finish with a peak memory far below
 * what the unbounded expansion would need.
 */
const CASES: Record<string, { text: string; ask: readonly string[] }> = {
  'billion laughs (ten levels of ten references)': { text: billionLaughs, ask: ['v3', 'v4', 'v9'] },
  'mutual references (each sees the other undefined)': { text: 'a=${b}x\nb=${a}y', ask: ['a', 'b'] },
  'a chain of 10,000 variables': { text: chain, ask: ['c10', 'c10000'] },
  'one 1 MB value used twice': { text: big, ask: ['big', 'twice'] },
};

describeIfTool('pkgconf', 'hostile .pc files: bounded, and in agreement with the installed pkgconf', () => {
  let root: string;
  beforeAll(() => {
    const entries: Record<string, string> = {};
    for (const [i, { text }] of Object.values(CASES).entries()) entries[`case${i}/lib/pkgconfig/hostile.pc`] = `${text}\n${FIELDS}`;
    root = makeTree(entries);
  });
  afterAll(() => removeTree(root));

  test.each(Object.keys(CASES).map((name, i) => [name, i] as const))('%s', (name, i) => {
    const dir = path.join(root, `case${i}/lib/pkgconfig`);
    const evaluation = evaluatePc(parsePc(fs.readFileSync(path.join(dir, 'hostile.pc'))), { pcfiledir: dir });
    for (const variable of CASES[name]!.ask) {
      const real = pkgconf([dir], ['--variable', variable, 'hostile']);
      expect(real.status).toBe(0);
      expect(evaluation.variables.get(variable)).toBe(real.stdout.replace(/\n$/, ''));
    }
    const kept = [...evaluation.variables.values()].reduce((sum, v) => sum + v.length, 0);
    expect(kept).toBeLessThanOrEqual(evaluation.variables.size * PC_VALUE_LIMIT);
  });

  test('${pcfiledir} of a folder whose name is not ASCII: the same bytes pkgconf prints, in inspect --json too', () => {
    const dir = path.join(root, 'lib1/të😋st/lib/pkgconfig');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'odd.pc'), `prefix=\${pcfiledir}/../..\n${FIELDS}`);
    const real = pkgconf([dir], ['--variable', 'prefix', 'odd']);
    expect(real.stdout).toBe(`${dir}/../..`);
    const evaluation = evaluatePc(parsePc(fs.readFileSync(path.join(dir, 'odd.pc'))), { pcfiledir: dir });
    expect(Buffer.from(evaluation.variables.get('prefix')!, 'latin1').toString('utf8')).toBe(real.stdout);
    const inspect = spawnSync(process.execPath, [BIN, 'inspect', '--json', path.join(dir, 'odd.pc')], { encoding: 'utf8' });
    expect(JSON.parse(inspect.stdout).variables.prefix).toBe(real.stdout);
  });

  test('a value that names itself (a=$ then b=${a}{b}, which crashes pkgconf) is an error, not a hang', () => {
    const evaluation = evaluatePc(parsePc(Buffer.from(`a=$\nb=\${a}{b}\nc=\${b}\n${FIELDS}`)), { pcfiledir: '/x' });
    expect(evaluation.diagnostics.map((d) => d.message)).toContain('${b} refers to itself: pkgconf would recurse until it crashes');
  });

  test('a truncated value is one warning on its line', () => {
    const evaluation = evaluatePc(parsePc(Buffer.from(`${billionLaughs}\n${FIELDS}`)), { pcfiledir: '/x' });
    expect(evaluation.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.line)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  // The chain's cost lies in planning its rewrite (10,000 variables derived from one /usr root): see the planner's bound.
  test.each(['lint', 'fix'])('unitfix %s on the billion laughs, the mutual references and the 1 MB value finishes with a peak memory under 250 MB', (command) => {
    const rss = path.join(root, `rss-${command}`);
    const run = spawnSync(process.execPath, ['--import', path.join(REPO, 'bench/rss.js'), BIN, command, ...(command === 'fix' ? ['--dry-run'] : ['--format', 'json']), ...[0, 1, 3].map((i) => path.join(root, `case${i}`))], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', UNITFIX_BENCH_RSS: rss },
      maxBuffer: 64 << 20,
    });
    expect(run.signal).toBeNull();
    expect([0, 1]).toContain(run.status);
    // Without the bound, billion laughs alone grew to 4.3 GB and aborted.
    expect(Number(fs.readFileSync(rss, 'utf8')) / 1024).toBeLessThan(250);
  });
});
