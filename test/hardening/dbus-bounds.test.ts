import { parseDbusService } from '../../src/formats/dbus/parse.js';
import { printDbusService } from '../../src/formats/dbus/print.js';
import { planDbusRewrites } from '../../src/fix/plans/dbus-service.js';
import type { PathResolver } from '../../src/fix/plans/path-resolver.js';

/** Every FHS program and file resolves into one store path, so the planner does its whole work on each hostile shape. */
const intoStore = (file: string) =>
  /^\/(usr\/)?(bin|sbin|lib|libexec|share)\//.test(file) ? ({ kind: 'resolved', path: `/nix/store/00000000000000000000000000000000-pkg${file}`, via: 'output' } as const) : ({ kind: 'unchanged', reason: 'not-fhs' } as const);
const resolver: Pick<PathResolver, 'resolveExecutable' | 'resolveFile'> = { resolveExecutable: intoStore, resolveFile: intoStore };

/**
 * The bound: parsing is linear in the input, whatever it holds (dbus-daemon
 * itself reads at most 128 KiB; we read any size, to stay lossless), and
 * memory is the input plus one node per line and one offset per byte of an
 * escaped value. 1 MB of each hostile shape takes about a second on a loaded
 * machine; a quadratic scan (a blank-line test going past every lone \r to
 * the next \n, say) would need 10^12 steps and never finish in 10 s. Here
 * rather than beside the properties, so that `npm run mutation` (which leaves
 * test/hardening out) does not run them once per parser mutant.
 */
describe('hostile inputs stay linear', () => {
  const MB = 1024 * 1024;
  const cases: [string, Buffer][] = [
    ['1 MB of lone CRs (each a line dbus scans past for blankness)', Buffer.from('\r'.repeat(MB))],
    ['1 MB of " \\r" lines', Buffer.from(' \r'.repeat(MB / 2))],
    ['a 1 MB Exec= of escapes', Buffer.from(`[D-BUS Service]\nName=a\nExec=/usr/bin/x ${'\\s'.repeat(MB / 2)}\n`)],
    ['a 1 MB Exec= of quotes and comments', Buffer.from(`[D-BUS Service]\nName=a\nExec=/usr/bin/x ${'"a"#\\n'.repeat(MB / 6)}\n`)],
    ['50,000 groups', Buffer.from('[D-BUS Service]\nName=a\n'.repeat(50_000))],
  ];
  // How the work grows is counted, not timed, in linear-work.test.ts.
  test.each(cases)('%s: parsed, planned and printed back', (_name, bytes) => {
    const parsed = parseDbusService(bytes);
    planDbusRewrites(parsed, resolver, 'session');
    expect(printDbusService(parsed).equals(bytes)).toBe(true);
  }, 30_000);
});
