import fc from 'fast-check';
import path from 'node:path';
import { PlanCache } from '../../src/fix/plan-cache.js';
import { formatAt } from '../../src/formats/classify.js';
import { formatById, type AnyFormat } from '../../src/formats/registry.js';
import { parsePc } from '../../src/formats/pkgconfig/parse.js';
import { evaluatePc } from '../../src/formats/pkgconfig/evaluate.js';
import { Resolver } from '../../src/resolve/resolver.js';
import { applyEdits } from '../../src/text/edit.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';
import { startWorkMeter, type WorkMeter } from '../hardening/work-meter.js';
import { RUNS } from './runs.js';

/**
 * Size amplification, counted: for generated files of each format up to a
 * few MB (a block of lines built from the format's own syntax, hostile parts
 * included, repeated), what parsing keeps, the work of parsing and planning
 * the fix (steps and bytes allocated, see work-meter.ts) and the fixed
 * file's size stay within a fixed multiple of the input. The multiples are
 * the ones docs/reliability.md states.
 */
const LIMITS = {
  /** Bytes of the parsed model (strings, buffers, 8 per number and slot) per input byte: a node per line, so a file of one-byte lines costs the most (about 220). */
  model: 256,
  /** Steps of parse, plan and apply per input byte. */
  steps: 64,
  /** Heap bytes allocated by parse, plan and apply per input byte. */
  allocated: 1024,
};
/** Whatever the size, a little is fixed cost (a resolver's first answers, compiling a path of the code run for the first time). */
const FIXED = 256 << 10;

/** The fixed file: every replaced path is at least "/bin/x", and grows by at most the output's prefix. */
function outputLimit(input: number, prefixLength: number): number {
  return input + Math.ceil(input / 6) * prefixLength;
}

// Each run parses and plans up to 3 MB with every block of JavaScript counted: a few runs.
const runs = Math.max(2, Math.round(RUNS / 5000));

let meter: WorkMeter;
let root: string;
let out: string;
let resolver: Resolver;
beforeAll(async () => {
  meter = await startWorkMeter();
  root = makeTree({
    'out/bin/foo': EXEC,
    'out/sbin/food': EXEC,
    'out/lib/foo/helper': EXEC,
    'out/lib/udev/foo-id': EXEC,
    'out/share/foo/data': 'x',
    'out/lib/os-release': 'x',
    'dep/bin/sh': EXEC,
    'dep/bin/kill': EXEC,
    'dep/bin/env': EXEC,
  });
  out = path.join(root, 'out');
  resolver = new Resolver({ outputs: [out], searchPath: [path.join(root, 'dep/bin')], storeDir: '/nix/store' });
});
afterAll(async () => {
  removeTree(root);
  await meter.stop();
});

const eol = fc.constantFrom('\n', '\r\n', '\r', '\\\n');
const blank = fc.constantFrom('', ' ', '\t');
const path_ = fc.constantFrom('/usr/bin/foo', '/bin/kill', '/usr/sbin/food', '/usr/lib/foo/helper', '/usr/share/foo/data', '/usr/bin/missing', '/usr/bin/%i', '/usr/share/$X/y', '"/usr/bin/foo"', "'/bin/sh'", 'foo-id', '/lib/udev/foo-id');
const word = fc.oneof(path_, fc.constantFrom('--flag', '"a b"', '\\x41', '%h', '${FOO}', '$X', ';', '\\;', '#', '=', '\\', '"', "'", ','), fc.stringMatching(/^[a-z\/=.%$-]{0,12}$/));
const words = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));

const unitLine = fc.oneof(
  fc.tuple(fc.constantFrom('ExecStart', 'ExecStartPre', 'ExecStop', 'ReadOnlyPaths', 'Environment', 'EnvironmentFile', 'User', 'Description'), blank, words, eol).map(([k, b, v, e]) => `${k}${b}=${b}${v}${e}`),
  fc.constantFrom('[Service]\n', '[Unit]\n', '# c\n', '; c \\\n', 'ExecStart=/bin/sh -c "/usr/bin/foo; exec /bin/kill $$MAINPID"\n', 'ExecStart=/usr/bin/env foo\n', '\xef\xbb\xbf\n', '\xff\xfe\n', '[Service\n'),
);
const tmpfilesLine = fc.oneof(
  fc.tuple(fc.constantFrom('L', 'L+', 'C', 'd', 'f', 'z'), fc.constantFrom(' /etc/os-release', ' /etc/x', ' "/etc/a b"', ' %t/x'), fc.constantFrom('', ' - - - -', ' 0644 root root -'), fc.oneof(fc.constantFrom('', ' /usr/lib/os-release', ' ../usr/lib/os-release', ' /usr/share/foo/data'), words.map((w) => ` ${w}`)), eol).map((p) => p.join('')),
  fc.constantFrom('# c\n', '\n', '"\n', '\\\n'),
);
const sysusersLine = fc.oneof(
  fc.tuple(fc.constantFrom('u', 'g', 'm', 'r', 'u!'), fc.constantFrom(' foo', ' bar', ' -'), fc.constantFrom('', ' -', ' 1000', ' 1000:1000'), fc.constantFrom('', ' "Foo Bar"', " 'x'", ' -'), fc.constantFrom('', ' /var/lib/foo', ' /usr/share/foo', ' -'), fc.constantFrom('', ' /usr/sbin/nologin', ' /bin/sh', ' "/usr/bin/foo"', ' -'), eol).map((p) => p.join('')),
  fc.constantFrom('# c\n', '\n', '"\n'),
);
const pcLine = fc.oneof(
  fc.tuple(fc.constantFrom('prefix', 'exec_prefix', 'libdir', 'includedir', 'x', 'y'), fc.constantFrom('=', ' = '), fc.constantFrom('/usr', '/usr/local', '${prefix}', '${prefix}/lib', '${x}${x}', '${y}/${libdir}', '/etc', '$$', '\\', '"a b"'), eol).map((p) => p.join('')),
  fc.constantFrom('Name: x\n', 'Description: x\n', 'Version: 1\n', 'Libs: -L${libdir} -lfoo\n', 'Cflags: -I${includedir} -I/usr/include\n', 'Requires: a >= 1, b\n', '# c\n', '\n'),
);
const dbusLine = fc.oneof(
  fc.tuple(fc.constantFrom('Exec', 'Name', 'User', 'SystemdService', 'Exec[de]'), fc.constantFrom('=', ' = '), words, fc.constantFrom('\n', '\r\n', '\r')).map((p) => p.join('')),
  fc.constantFrom('[D-BUS Service]\n', '# c\n', '\n', 'Exec=/usr/bin/foo\\s--x\n', '\\\n'),
);
const udevLine = fc.oneof(
  fc.tuple(fc.constantFrom('RUN+=', 'PROGRAM==', 'IMPORT{program}=', 'KERNEL==', 'RUN{builtin}+=', 'ENV{X}='), fc.constantFrom('"', 'e"'), words.map((w) => w.replaceAll('"', '\\"')), fc.constantFrom('"', ''), fc.constantFrom(', ', ' \\\n', '\n', '\r\n')).map((p) => p.join('')),
  fc.constantFrom('# c\n', '\n', 'LABEL="x"\n', 'GOTO="x"\n'),
);

interface Format {
  readonly name: string;
  readonly file: () => string;
  readonly header: string;
  readonly line: fc.Arbitrary<string>;
  /** What starts a line that takes many words: a long continued one begins with it. */
  readonly opener: string;
}

const FORMATS: readonly Format[] = [
  { name: 'unit', file: () => `${out}/lib/systemd/system/a.service`, header: '[Service]\n', opener: 'ExecStart=/usr/bin/foo', line: unitLine },
  { name: 'tmpfiles.d', file: () => `${out}/lib/tmpfiles.d/a.conf`, header: '', opener: 'L /etc/x - - - - /usr/lib/os-release', line: tmpfilesLine },
  { name: 'sysusers.d', file: () => `${out}/lib/sysusers.d/a.conf`, header: '', opener: 'u foo - "Foo" /var/lib/foo /usr/sbin/nologin', line: sysusersLine },
  { name: '.pc', file: () => `${out}/lib/pkgconfig/a.pc`, header: '', opener: 'Libs: -L/usr/lib', line: pcLine },
  { name: 'D-Bus activation', file: () => `${out}/share/dbus-1/services/a.service`, header: '[D-BUS Service]\nName=a\n', opener: 'Exec=/usr/bin/foo', line: dbusLine },
  { name: 'udev rules', file: () => `${out}/lib/udev/rules.d/a.rules`, header: '', opener: 'RUN+="/usr/bin/foo", PROGRAM=="/sbin/food', line: udevLine },
];

/**
 * What a parsed model holds, in bytes: each string's length, each buffer's,
 * 8 per number and per property or element; an object reached twice
 * counts once. (Strings that share their bytes with the file's text count
 * again: an upper bound.)
 */
function modelBytes(value: unknown, seen = new Set<object>()): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 8;
  if (seen.has(value)) return 8;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let bytes = 16;
  const children = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  for (const child of children) bytes += 8 + modelBytes(child, seen);
  return bytes;
}

/** The shortest lines cost the most per byte: each is a node of the model. */
const shortLine = fc.constantFrom('\n', '\r', '"\n', 'x\n', '[\n', '#\n', '\\\n');

/** Words every format takes as they are: a long continued line of them is read, not refused. */
const plainWords = fc.array(fc.constantFrom('/usr/bin/foo', '/usr/share/foo/data', '/bin/kill', '/usr/lib/foo/helper', '/usr/bin/missing', '--flag', 'x'), { minLength: 1, maxLength: 6 });

/**
 * Files of up to about 3 MB from one block of one to 30 lines, in three
 * shapes: the block repeated as it is; repeated with each block one line
 * continued over all of its lines; and the whole file one line of plain
 * words continued over thousands (kept under systemd's 1 MiB for a
 * continued line, past which a unit's line is refused unread), after the
 * format's opener.
 */
class Document {
  constructor(
    readonly shape: string,
    readonly bytes: Buffer,
  ) {}

  /** A failing file is shown by its shape, size and start, not as megabytes of numbers. */
  [fc.toStringMethod](): string {
    return `${this.shape}, ${this.bytes.length} bytes: ${JSON.stringify(this.bytes.subarray(0, 160).toString('latin1'))}…`;
  }
}

function documents(format: Format): fc.Arbitrary<Document[]> {
  const line = fc.oneof({ weight: 4, arbitrary: format.line }, { weight: 1, arbitrary: shortLine });
  return fc.tuple(fc.array(line, { minLength: 1, maxLength: 30 }), plainWords, fc.integer({ min: 1, max: 3 << 20 })).map(([lines, words, size]) => {
    const unended = lines.map((l) => l.replace(/(?:\r\n|\r|\n)$/, ''));
    const repeat = (block: string, bytes: number) => block.repeat(Math.max(1, Math.floor(bytes / Math.max(1, block.length))));
    return [
      format.header + repeat(lines.join(''), size),
      format.header + repeat(`${unended.join(' \\\n')}\n`, size),
      `${format.header}${format.opener} \\\n${repeat(`  ${words.join(' ')} \\\n`, Math.min(size, 960 << 10))}  end\n`,
    ].map((text, i) => new Document(['lines', 'each block continued', 'all continued'][i]!, Buffer.from(text, 'latin1')));
  });
}

/** The format's syntax module, loaded through the registry. */
async function syntaxOf(format: Format): Promise<AnyFormat> {
  return (await formatById(formatAt(format.file())!)!.load()) as AnyFormat;
}

/** The fixed file: parsed, planned, edits applied. */
function fixed(syntax: AnyFormat, format: Format, input: Buffer): Buffer {
  const plan = syntax.plan!(syntax.parse(input), { file: format.file(), resolver, cache: new PlanCache() });
  return plan.edits.length === 0 ? input : applyEdits(input, plan.edits);
}

/** Parses, plans and applies the fix of one input, and checks each measure against its limit. */
async function expectWithinLimits(format: Format, input: Buffer): Promise<void> {
  const syntax = await syntaxOf(format);
  const model = syntax.parse(input);
  // A .pc file's values are pkgconf's, each at most 64 KiB: the evaluation may keep more than the file.
  const evaluated = format.name === '.pc' ? [...evaluatePc(parsePc(input), { pcfiledir: '/x' }).variables.values()].reduce((n, v) => n + v.length, 0) : 0;
  let output = input;
  const work = await meter.measure(() => (output = fixed(syntax, format, input)));
  const read = input.length + evaluated;
  const measured = { size: input.length, model: modelBytes(model) / read, steps: work.steps / read, allocated: work.bytes / read, output: output.length };
  const limits = {
    model: LIMITS.model + FIXED / read,
    steps: LIMITS.steps + FIXED / read,
    allocated: LIMITS.allocated + FIXED / read,
    output: outputLimit(input.length, out.length),
  };
  // Shown whole when it fails: which measure, how far over.
  const over = (Object.keys(limits) as (keyof typeof limits)[]).filter((k) => measured[k] > limits[k]);
  expect({ measured, over }).toEqual({ measured, over: [] });
}

describe.each(FORMATS)('$name files up to a few MB', (format) => {
  test(`model, work and fixed file within a fixed multiple of the input (${runs} runs of three shapes)`, async () => {
    // Not counted: the first parse and plan of the format compile most of its code.
    fixed(await syntaxOf(format), format, Buffer.from(`${format.header}${format.opener} \\\n  /usr/bin/foo\n`, 'latin1'));
    await fc.assert(
      fc.asyncProperty(documents(format), async (inputs) => {
        for (const input of inputs) await expectWithinLimits(format, input.bytes);
      }),
      // Shrinking megabytes takes long, and the measures already say what grew.
      { numRuns: runs, endOnFailure: true },
    );
  }, 600_000);
});
