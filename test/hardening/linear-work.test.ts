import fs from 'node:fs';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { lintPaths } from '../../src/lint/engine.js';
import { parseDbusService } from '../../src/formats/dbus/parse.js';
import { printDbusService } from '../../src/formats/dbus/print.js';
import { planDbusRewrites } from '../../src/fix/plans/dbus-service.js';
import { parseUdevRules } from '../../src/formats/udev/parse.js';
import { printUdevRules } from '../../src/formats/udev/print.js';
import { planUdevRewrites } from '../../src/fix/plans/udev-rules.js';
import { MAX_SCRIPT_BYTES, scanShellWords } from '../../src/formats/shell/sh-words.js';
import type { Resolution } from '../../src/resolve/resolver.js';
import { buildPkgConfigShadow } from '../../src/shadow/pkgconfig-shadow.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';
import { doublingRatios, startWorkMeter, type Work, type WorkMeter } from './work-meter.js';

/**
 * Lint and fix do work linear in the size of what they read: doubling the
 * input at most about doubles the steps taken and the bytes allocated
 * (counted, see work-meter.ts; a quadratic step would show as 4). Each shape
 * is measured at N, 2N and 4N.
 */
const LINEAR = 2.5;

let meter: WorkMeter;
beforeAll(async () => {
  meter = await startWorkMeter();
});
afterAll(() => meter.stop());

async function lint(out: string) {
  return lintPaths({ paths: [out], readers: 0, storeDir: '/nix/store' });
}

async function fix(out: string) {
  return fixPaths({ paths: [out], searchPath: [], dryRun: true });
}

/** The work of `run` on the tree `build(n)` makes, at each size. */
async function workAt(sizes: readonly number[], build: (n: number) => string, run: (out: string) => Promise<unknown>, check: (n: number, result: unknown) => void): Promise<Work[]> {
  const work: Work[] = [];
  for (const n of sizes) {
    const out = build(n);
    try {
      let result: unknown;
      work.push(await meter.measure(async () => (result = await run(out))));
      check(n, result);
    } finally {
      removeTree(path.dirname(out));
    }
  }
  return work;
}

function expectLinear(work: readonly Work[]): void {
  const ratios = doublingRatios(work);
  // Steps are exact, so each doubling is judged. Bytes move with when the collector runs (one doubling
  // measured 0.9 and the next 3.2), so they are judged over the whole span: N to 4N within LINEAR squared.
  const bytesSpan = work[work.length - 1]!.bytes / work[0]!.bytes;
  // Shown whole when it fails: which meter, which doubling.
  const over = [...ratios.steps.filter((r) => r > LINEAR), ...(bytesSpan > LINEAR ** (work.length - 1) ? [bytesSpan] : [])];
  expect({ ratios, bytesSpan, over }).toEqual({ ratios, bytesSpan, over: [] });
}

const PROGRAMS = { 'out/bin/tool': EXEC, 'out/share/t/a': 'x' } as const;

/**
 * A unit of n continuation lines: one ExecStart= of n/10 lines naming a
 * file of the output on each (every one a rewrite), a ReadOnlyPaths= of
 * n/10 lines too, and the rest in commands of ten lines with a comment among
 * them. The long settings stay under systemd's 1 MiB for a continued line.
 */
function continuedUnit(n: number): string {
  const long = n / 10;
  const parts = ['[Service]\nExecStart=/usr/bin/tool \\\n', '  /usr/share/t/a \\\n'.repeat(long - 1), '  end\n'];
  parts.push('ReadOnlyPaths=/usr/share/t/a \\\n', ' /usr/share/t/a \\\n'.repeat(long - 1), ' /usr/share/t/a\n');
  for (let i = 0; i < (n - 2 * long) / 10; i++) parts.push('ExecStartPre=/usr/bin/tool \\\n', '  # a comment \\\n', '  /usr/share/t/a \\\n'.repeat(8), '  end\n');
  return parts.join('');
}

describe('200,000 continuation lines in one unit', () => {
  const SIZES = [50_000, 100_000, 200_000];
  const build = (n: number) => path.join(makeTree({ ...PROGRAMS, 'out/lib/systemd/system/a.service': continuedUnit(n) }), 'out');

  test('fix: linear in the lines', async () => {
    const work = await workAt(SIZES, build, fix, (n, report) => {
      const [file] = (report as Awaited<ReturnType<typeof fix>>).files;
      // Every path is rewritten: the work measured is the real one.
      expect(file!.replacements).toHaveLength(n / 10 + (n / 10 + 1) + ((n - n / 5) / 10) * 9);
    });
    expectLinear(work);
  }, 300_000);

  test('lint: linear in the lines', async () => {
    const work = await workAt(SIZES, build, lint, (n, report) => {
      const findings = (report as Awaited<ReturnType<typeof lint>>).findings;
      expect(findings.filter((f) => f.ruleId === 'unit-command-fhs')).toHaveLength(1 + (n - n / 5) / 10);
    });
    expectLinear(work);
  }, 300_000);
});

/** A unit with n drop-ins in its own .d folder, each setting the user and adding a command. */
function dropInTree(n: number): string {
  const root = makeTree({ ...PROGRAMS, 'out/lib/systemd/system/a.service': '[Service]\nExecStart=/usr/bin/tool\n' });
  const folder = path.join(root, 'out/lib/systemd/system/a.service.d');
  fs.mkdirSync(folder);
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(folder, `${String(n - i).padStart(5, '0')}-x.conf`), `[Service]\nUser=u${i}\nExecStartPre=/usr/bin/tool /usr/share/t/a\n`);
  return path.join(root, 'out');
}

describe('5,000 drop-ins for one unit', () => {
  const SIZES = [1_250, 2_500, 5_000];

  test('fix: linear in the drop-ins (one chain for the unit, not one per drop-in)', async () => {
    const work = await workAt(SIZES, dropInTree, fix, (n, report) => {
      const files = (report as Awaited<ReturnType<typeof fix>>).files;
      expect(files.filter((f) => f.status === 'changed')).toHaveLength(n + 1);
    });
    expectLinear(work);
  }, 300_000);

  test('lint: linear in the drop-ins', async () => {
    const work = await workAt(SIZES, dropInTree, lint, (n, report) => {
      expect((report as Awaited<ReturnType<typeof lint>>).filesScanned).toBe(n + 1);
    });
    expectLinear(work);
  }, 300_000);
});

/**
 * Specifiers and variables are never expanded: a path that holds one is
 * left as it is and reported, even when a file of that literal name exists
 * in the output, so there is nothing to amplify.
 */
describe('specifiers (%i, %N) and $VAR in every word', () => {
  const SIZES = [2_000, 4_000, 8_000];
  const build = (n: number) => {
    const line = 'ExecStart=/usr/bin/%i ${X}${X} $X%h /usr/share/%N/x\nExecStartPre=/usr/bin/tool /usr/share/$X/x ${X}/%i\nEnvironment=X=%i$X\n';
    return path.join(makeTree({ ...PROGRAMS, 'out/bin/%i': EXEC, 'out/share/%N/x': 'x', 'out/share/$X/x': 'x', 'out/lib/systemd/system/a@.service': `[Service]\n${line.repeat(n)}` }), 'out');
  };

  test('fix: linear, and nothing rewritten but the plain executable', async () => {
    const work = await workAt(SIZES, build, fix, (n, report) => {
      const [file] = (report as Awaited<ReturnType<typeof fix>>).files;
      expect(file!.replacements.map((r) => r.from)).toEqual(Array(n).fill('/usr/bin/tool'));
      expect(file!.problems.filter((p) => /specifiers/.test(p.message))).toHaveLength(3 * n);
    });
    expectLinear(work);
  }, 300_000);

  test('lint: linear', async () => {
    const work = await workAt(SIZES, build, lint, (n, report) => {
      expect((report as Awaited<ReturnType<typeof lint>>).findings.filter((f) => f.ruleId === 'unit-command-fhs').length).toBeGreaterThanOrEqual(n);
    });
    expectLinear(work);
  }, 300_000);
});

/** Every FHS path resolves into one store path, without the file system. */
const anyPath = {
  resolveExecutable: (file: string): Resolution => (file.startsWith('/') ? { kind: 'resolved', path: `/nix/store/00000000000000000000000000000000-x${file}`, via: 'output' } : { kind: 'unchanged', reason: 'not-fhs' }),
  resolveFile: (file: string): Resolution => ({ kind: 'resolved', path: `/nix/store/00000000000000000000000000000000-x${file}`, via: 'output' }),
};

/** The work of `run` on each input `make(n)` builds, at each size. */
async function workOn(sizes: readonly number[], make: (n: number) => Buffer, run: (input: Buffer) => unknown): Promise<Work[]> {
  // A first run at the smallest size, not counted: compiling and warming up allocate bytes of their own.
  const warmUp = make(sizes[0]!);
  await meter.measure(() => run(warmUp));
  const work: Work[] = [];
  for (const n of sizes) {
    const input = make(n);
    work.push(await meter.measure(() => run(input)));
  }
  return work;
}

const MB = 1 << 20;

describe('D-Bus activation files: parsed, planned and printed in linear work', () => {
  const dbus = (input: Buffer) => {
    const parsed = parseDbusService(input);
    planDbusRewrites(parsed, anyPath, 'session');
    expect(printDbusService(parsed).equals(input)).toBe(true);
  };
  test.each([
    ['lone CRs (each a line dbus scans past for blankness)', (n: number) => Buffer.from('\r'.repeat(n))],
    ['" \\r" lines', (n: number) => Buffer.from(' \r'.repeat(n / 2))],
    ['an Exec= of escapes', (n: number) => Buffer.from(`[D-BUS Service]\nName=a\nExec=/usr/bin/x ${'\\s'.repeat(n / 2)}\n`)],
    ['an Exec= of quotes and comments', (n: number) => Buffer.from(`[D-BUS Service]\nName=a\nExec=/usr/bin/x ${'"a"#\\n'.repeat(n / 6)}\n`)],
    ['an Exec= of paths', (n: number) => Buffer.from(`[D-BUS Service]\nName=a\nExec=/usr/bin/x ${'/usr/share/y '.repeat(n / 13)}\n`)],
    ['groups', (n: number) => Buffer.from('[D-BUS Service]\nName=a\n'.repeat(n / 24))],
  ])('%s: 0.5, 1 and 2 MB', async (_name, make) => {
    expectLinear(await workOn([MB / 2, MB, 2 * MB], make, dbus));
  }, 300_000);
});

describe('pkgconfig-shadow: linear in the ${pcfiledir} references it keeps pointing at the original folder', () => {
  // The shadow copy of systemd.pc rewrites each ${pcfiledir}; looking up where each one stands, and
  // whether a rewritten value already covers it, must not cost the whole line or every edit again.
  test('one line of 500, 1,000 and 2,000 references', async () => {
    const dir = makeTree({});
    try {
      const shadow = path.join(dir, 'shadow');
      const pc = (n: number) => Buffer.from(`prefix=/usr\nsystemdsystemunitdir=\${prefix}/lib/systemd/system\nrefs=${'${pcfiledir}'.repeat(n)}\nName: systemd\nDescription: s\nVersion: 252\n`);
      const shadowOf = async (input: Buffer) => {
        fs.mkdirSync(path.join(dir, 'pc'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'pc/systemd.pc'), input);
        const report = await buildPkgConfigShadow({ searchPath: [path.join(dir, 'pc')], prefixes: { out: '/nix/store/00000000000000000000000000000000-out' }, outDir: shadow });
        expect(report.packages).toHaveLength(1);
        const copy = fs.readFileSync(path.join(shadow, 'systemd.pc'), 'utf8');
        expect(copy.split(path.join(dir, 'pc')).length - 1).toBe((input.toString().match(/\$\{pcfiledir\}/g) ?? []).length);
      };
      expectLinear(await workOn([500, 1_000, 2_000], pc, shadowOf));
    } finally {
      removeTree(dir);
    }
  }, 300_000);
});

describe('udev rules: parsed, planned and printed in linear work', () => {
  const udev = (input: Buffer) => {
    const parsed = parseUdevRules(input);
    planUdevRewrites(parsed, anyPath);
    expect(printUdevRules(parsed).equals(input)).toBe(true);
  };
  test.each([
    ['continuation lines before a rule', (n: number) => Buffer.from(`${'\\\n'.repeat(n / 2)}RUN+="/usr/bin/x"\n`)],
    ['rules of programs', (n: number) => Buffer.from('KERNEL=="sd*", RUN+="/usr/bin/x %k", PROGRAM=="/sbin/y"\n'.repeat(n / 52))],
    ['comments inside continued rules', (n: number) => Buffer.from('KERNEL=="x", \\\n# c\nRUN+="/usr/bin/x"\n'.repeat(n / 37))],
  ])('%s: 0.5, 1 and 2 MB', async (_name, make) => {
    expectLinear(await workOn([MB / 2, MB, 2 * MB], make, udev));
  }, 300_000);

  // Each line of a continued rule adds to the joined rule, which stops at udev's 16 KiB.
  test('one rule continued over 2,000, 4,000 and 8,000 lines', async () => {
    expectLinear(await workOn([2_000, 4_000, 8_000], (n) => Buffer.from(`KERNEL=="x", ${'a\\\n'.repeat(n)}RUN+="/usr/bin/x"\n`), udev));
  }, 300_000);
});

describe('sh -c scripts', () => {
  test.each(['${', '$((', '"$(', "'", '(', '\\'])('a run of %j: linear up to the 64 KiB the scan reads', async (opener) => {
    const sizes = [MAX_SCRIPT_BYTES / 16, MAX_SCRIPT_BYTES / 8, MAX_SCRIPT_BYTES / 4];
    expectLinear(await workOn(sizes, (n) => Buffer.from(opener.repeat(n / opener.length)), (input) => scanShellWords(input.toString('latin1'), { bash: true, systemdDollar: false })));
  });
});

/**
 * The 'did you mean' for an unknown key compares it only with known names of
 * about its length: a 20 KB key costs a few steps per byte, not a distance
 * to each of some 1,500 names (30,000 steps per byte).
 */
test('an unknown key of 20 KB: lint takes a few steps per byte of it', async () => {
  const build = (key: string) => path.join(makeTree({ 'out/lib/systemd/system/a.service': `[Service]\nExecStart=/bin/true\n${key}=1\n` }), 'out');
  const [short, long] = await workAt([1, 2_000], (n) => build('ExecStartX'.repeat(n)), lint, (_n, report) => {
    expect((report as Awaited<ReturnType<typeof lint>>).findings.map((f) => f.ruleId)).toContain('unit-unknown-key');
  });
  expect((long!.steps - short!.steps) / 20_000).toBeLessThan(64);
}, 300_000);
