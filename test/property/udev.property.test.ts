import fc from 'fast-check';
import { parseUdevRules, UDEV_LINE_SIZE } from '../../src/formats/udev/parse.js';
import { printUdevRules } from '../../src/formats/udev/print.js';
import { planUdevRewrites } from '../../src/fix/plans/udev-rules.js';
import { udevPrograms } from '../../src/formats/udev/programs.js';
import { applyEdits } from '../../src/text/edit.js';
import type { Resolution } from '../../src/resolve/resolver.js';
import { RUNS } from './runs.js';

const pieces = fc.oneof(
  fc.array(fc.constantFrom(0x0a, 0x0d, 0x00, 0x5c, 0x22, 0x27, 0x23, 0x20, 0x09, 0x2c, 0x3d, 0x7b, 0x7d, 0x25, 0x24, 0x2f, 0x65, 0x69, 0x61, 0xff), { maxLength: 30 }).map((b) => Buffer.from(b)),
  fc.constantFrom(
    'RUN+="', 'PROGRAM=="', 'IMPORT{program}="', 'RUN{builtin}+="kmod load x"', '/usr/bin/foo', '/sbin/bar %k', 'helper', '$env{X}/y',
    '", ', ' \\\n', '\\"', 'e"\\x41', 'KERNEL=="sda", ', '# comment\n', '\n',
  ).map((s) => Buffer.from(s, 'latin1')),
);
const input = fc.array(pieces, { maxLength: 16 }).map((parts) => Buffer.concat(parts));

/** Any FHS program resolves into a fake store path; store paths stay. */
const resolver = {
  resolveExecutable(file: string): Resolution {
    if (file.startsWith('/nix/store/')) return { kind: 'unchanged', reason: 'store-path' };
    return { kind: 'resolved', path: `/nix/store/00000000000000000000000000000000-x${file.replace(/[^A-Za-z0-9/._-]/g, '_')}`, via: 'output' };
  },
};

describe('udev rules parser and rewrite on arbitrary bytes', () => {
  test(`never throws, prints back the same bytes, and a fix is idempotent and changes only programs (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(input, (bytes) => {
        const parsed = parseUdevRules(bytes);
        expect(printUdevRules(parsed).equals(bytes)).toBe(true);
        const plan = planUdevRewrites(parsed, resolver);
        const once = applyEdits(bytes, plan.edits);
        const again = parseUdevRules(once);
        // The same rules and tokens; each program either the resolver's answer or untouched.
        expect(again.rules.map((r) => r.tokens.map((t) => t.key))).toEqual(parsed.rules.map((r) => r.tokens.map((t) => t.key)));
        const before = udevPrograms(parsed);
        const after = udevPrograms(again);
        expect(after.map((p) => p.argv.slice(1).map((w) => w.value))).toEqual(before.map((p) => p.argv.slice(1).map((w) => w.value)));
        after.forEach((p, i) => {
          const was = before[i]!.argv[0]?.value ?? '';
          const answer = resolver.resolveExecutable(was.startsWith('/') ? was : `/lib/udev/${was}`);
          const allowed = [was, answer.kind === 'resolved' ? answer.path : was];
          expect(allowed).toContain(p.argv[0]?.value ?? '');
        });
        expect(planUdevRewrites(again, resolver).edits).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  // How the work grows with such input is counted in test/hardening/linear-work.test.ts.
  test('hostile input: 4 MB of continuation lines print back, a line past the limit stops the file', () => {
    const continued = Buffer.from(`${'\\\n'.repeat(2_000_000)}${'RUN+="/usr/bin/x", '.repeat(1000)}\n`);
    expect(printUdevRules(parseUdevRules(continued)).equals(continued)).toBe(true);
    const tooLong = Buffer.from(`KERNEL=="x", ${'a'.repeat(UDEV_LINE_SIZE)}\nRUN+="/usr/bin/y"\n`);
    const parsed = parseUdevRules(tooLong);
    expect(parsed.rules).toEqual([]);
    expect(parsed.diagnostics[0]!.message).toMatch(/stops reading the file/);
  });
});
