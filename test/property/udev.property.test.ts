import fc from 'fast-check';
import { parseUdevRules } from '../../src/formats/udev/parse.js';
import { printUdevRules } from '../../src/formats/udev/print.js';
import { planUdevRewrites } from '../../src/fix/plans/udev-rules.js';
import { udevPrograms } from '../../src/formats/udev/programs.js';
import { applyEdits } from '../../src/text/edit.js';
import type { Resolution } from '../../src/resolve/resolver.js';
import { RUNS } from './runs.js';
import { onlyEditsChanged } from './only-edits-changed.js';

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
});

describe('udev values on arbitrary bytes', () => {
  test(`a value outside e"…" is the text between its quotes, and each of its bytes comes from the source its origins name: itself, or \\" for a quote (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(input, (bytes) => {
        const parsed = parseUdevRules(bytes);
        for (const rule of parsed.rules) {
          for (const token of rule.tokens) {
            if (token.prefix.includes('e')) continue;
            // On one line, the value is what lies between its quotes with each \\" read as a quote.
            const raw = parsed.text.slice(token.valueSpan.start, token.valueSpan.end);
            // A backslash before a quote escapes it: the closing quote never follows one.
            expect(raw.at(-2)).not.toBe('\\');
            if (rule.firstLine === rule.line) expect(token.value).toBe(raw.slice(raw.indexOf('"') + 1, -1).replaceAll('\\"', '"'));
            const { origins, originEnds } = token;
            expect(origins).toHaveLength(token.value.length);
            expect(originEnds).toHaveLength(token.value.length);
            [...token.value].forEach((byte, j) => {
              expect(parsed.text.slice(origins[j], originEnds[j])).toBe(byte === '"' ? '\\"' : byte);
            });
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

const programWord = fc.constantFrom('/usr/bin/foo', '/sbin/bar', 'helper', '/nix/store/00000000000000000000000000000000-y/bin/y', '%k', '$env{X}/y', "'/usr/bin/q'", '');
const programArgs = fc.constantFrom('', ' %k', ' --x=/usr/lib/y', " 'a b'", '  /usr/bin/z');
const programKey = fc.constantFrom('RUN+=', 'RUN{program}+=', 'PROGRAM==', 'IMPORT{program}=');
const ruleToken = fc.oneof(
  fc.tuple(programKey, fc.constantFrom('"', 'e"'), programWord, programArgs).map(([key, open, word, args]) => `${key}${open}${word}${args}"`),
  fc.constantFrom('KERNEL=="sda"', 'RUN{builtin}+="kmod load x"', 'IMPORT{builtin}="path_id"', 'RUN+=e"/usr/bin/\\x66oo"', 'ENV{X}="/usr/bin/foo"'),
);
const rules = fc.array(fc.tuple(fc.array(ruleToken, { minLength: 1, maxLength: 4 }), fc.constantFrom(', ', ',', ' ', ', \\\n  '), fc.constantFrom('\n', '\r\n')), { maxLength: 6 }).map((lines) =>
  Buffer.from(lines.map(([tokens, separator, end]) => tokens.join(separator) + end).join(''), 'latin1'),
);

/** Every token of the rules udev keeps: key, attribute, operator, value. */
function tokenModel(bytes: Buffer): (string | null)[][] {
  return parseUdevRules(bytes).rules.filter((r) => r.error === undefined).flatMap((r) => r.tokens.map((t) => [t.key, t.attr, t.op, t.value]));
}

describe('fix on generated rules', () => {
  test(`the rewritten file has the same tokens but for each program written as it is, which becomes the resolver's answer; one edit per program, covering just its bytes (${Math.max(100, Math.round(RUNS / 5))} runs)`, () => {
    fc.assert(
      fc.property(rules, (bytes) => {
        const parsed = parseUdevRules(bytes);
        const plan = planUdevRewrites(parsed, resolver);
        const after = applyEdits(bytes, plan.edits);
        // What each program token's value becomes when its program stands in the file as written (quoted, maybe e"…", but no escape or line break in the value).
        const expectedValues = new Map<string, string>();
        for (const { token, argv } of udevPrograms(parsed)) {
          const program = argv[0];
          if (!program || program.value === '' || /[%$]/.test(program.value) || !program.plain) continue;
          if (parsed.text.slice(token.valueSpan.start, token.valueSpan.end).replace(/^e?"/, '') !== `${token.value}"`) continue;
          const answer = resolver.resolveExecutable(program.value.startsWith('/') ? program.value : `/lib/udev/${program.value}`);
          if (answer.kind === 'resolved') expectedValues.set(`${token.keySpan.start}`, token.value.slice(0, program.start) + answer.path + token.value.slice(program.end));
        }
        const keyStarts = parsed.rules.filter((r) => r.error === undefined).flatMap((r) => r.tokens.map((t) => `${t.keySpan.start}`));
        const expected = tokenModel(bytes).map((t, i) => {
          const value = expectedValues.get(keyStarts[i]!);
          return value === undefined ? t : [...t.slice(0, 3), value];
        });
        expect(tokenModel(after)).toEqual(expected);
        expect(plan.edits).toHaveLength(expectedValues.size);
        const programs = udevPrograms(parsed).map(({ token, argv }) => `${token.origins[argv[0]?.start ?? 0]}:${argv[0]?.value}`);
        for (const e of plan.edits) expect(programs).toContain(`${e.start}:${bytes.subarray(e.start, e.end).toString('latin1')}`);
        expect(onlyEditsChanged(bytes, after, plan.edits)).toBe(true);
        expect(planUdevRewrites(parseUdevRules(after), resolver).edits).toEqual([]);
      }),
      { numRuns: Math.max(100, Math.round(RUNS / 5)) },
    );
  });
});
