import fc from 'fast-check';
import { parseDbusService } from '../../src/formats/dbus/parse.js';
import { printDbusService } from '../../src/formats/dbus/print.js';
import { parseExecArgv } from '../../src/formats/dbus/exec-argv.js';
import { planDbusRewrites } from '../../src/fix/plans/dbus-service.js';
import type { PathResolver } from '../../src/fix/plans/path-resolver.js';
import type { Resolution } from '../../src/resolve/resolver.js';
import { applyEdits } from '../../src/text/edit.js';
import { RUNS } from './runs.js';

/** Bytes dbus-daemon's reader and argv splitter treat specially, plus letters and anything. */
const SPECIAL = [0x0a, 0x0d, 0x00, 0x5c, 0x22, 0x27, 0x23, 0x5b, 0x5d, 0x3d, 0x20, 0x09, 0x0c, 0x2f, 0x2d, 0x5f, 0x2e, 0x24, 0x60, 0x73, 0x6e];
const byte = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.integer({ min: 0x61, max: 0x7a }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const pieces = fc.oneof(
  fc.array(byte, { maxLength: 30 }).map((b) => Buffer.from(b)),
  fc.constantFrom(
    ...['[D-BUS Service]\n', 'Name=org.x.Y\n', 'Exec=', 'Exec=/usr/libexec/x ', '/usr/bin/y ', 'User=root\n', 'Exec[de]=', '\\s', '\\n', '# c\n', '\r\n', '"a b"', "'c'"].map((s) => Buffer.from(s)),
    Buffer.from('\xef\xbb\xbf\xc3\x28\xff', 'latin1'),
  ),
);
const input = fc.array(pieces, { maxLength: 12 }).map((parts) => Buffer.concat(parts));

describe('D-Bus activation parser on arbitrary bytes', () => {
  test(`never throws and prints back the same bytes (${RUNS} runs)`, () => {
    fc.assert(fc.property(input, (bytes) => printDbusService(parseDbusService(bytes)).equals(bytes)), { numRuns: RUNS });
  });

  test('the argv splitter never throws, and its words lie inside the value', () => {
    fc.assert(
      fc.property(input, (bytes) => {
        const value = bytes.toString('latin1');
        const argv = parseExecArgv(value);
        if (!argv.ok) return argv.offset >= 0 && argv.offset <= value.length;
        // A plain word is exactly its bytes; every word stands within the value.
        return argv.words.length > 0 && argv.words.every((w) => w.start >= 0 && w.end <= value.length && (!w.plain || value.slice(w.start, w.end) === w.value));
      }),
      { numRuns: RUNS },
    );
  });
});

/** Resolves every /usr, /bin or /sbin path into one fake store path, as an output would. */
const STORE = '/nix/store/00000000000000000000000000000000-pkg';
const resolver: PathResolver = {
  outputs: [STORE],
  resolveExecutable: (file: string): Resolution => resolveAny(file),
  resolveFile: (file: string): Resolution => resolveAny(file),
};
function resolveAny(file: string): Resolution {
  const m = /^\/(?:usr\/)?((?:bin|sbin|lib|libexec|share)\/.+)$/.exec(file);
  return m ? { kind: 'resolved', path: `${STORE}/${m[1]}`, via: 'output' } : { kind: 'unchanged', reason: 'not-fhs' };
}

const word = fc.oneof(
  fc.constantFrom('/usr/libexec/food', '/bin/false', '/usr/share/food/x.conf', '--x', 'a b', '"/usr/bin/quoted"', '/usr/bin/a\\sb', '#c', "'q'", '$HOME', '', '/usr/lib/z'),
  fc.stringMatching(/^[a-z\/."'\\#-]{0,8}$/),
);
const execFile = fc.tuple(fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n', '', ' \n'), fc.boolean()).map(([words, end, user]) =>
  Buffer.from(`# x\n[D-BUS Service]\nName=org.x.Y\nExec=${words.join(' ')}${end}${user ? 'User=root\n' : ''}`, 'latin1'),
);

describe('fix on generated activation files', () => {
  test(`a rewrite changes only whole program or path words, to what the resolver says, and a second pass changes nothing (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(execFile, (bytes) => {
        const parsed = parseDbusService(bytes);
        const plan = planDbusRewrites(parsed, resolver, 'system');
        const after = applyEdits(bytes, plan.edits);
        const reparsed = parseDbusService(after);
        expect(reparsed.loads).toBe(parsed.loads);
        if (plan.edits.length > 0) {
          const before = parsed.service.argv!;
          const now = reparsed.service.argv!;
          expect(before.ok && now.ok).toBe(true);
          if (before.ok && now.ok) {
            const changed = plan.replacements.map((r) => r.from);
            expect(now.words.map((w) => w.value)).toEqual(before.words.map((w) => (changed.includes(w.value) ? resolveAny(w.value).kind === 'resolved' ? (resolveAny(w.value) as { path: string }).path : w.value : w.value)));
          }
        }
        expect(planDbusRewrites(reparsed, resolver, 'system').edits).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
