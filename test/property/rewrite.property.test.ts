import fc from 'fast-check';
import path from 'node:path';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { planCommandRewrites } from '../../src/fix/plans/unit-commands.js';
import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { isCommandKey } from '../../src/formats/unit/command-keys.js';
import { classifyUnitPath } from '../../src/formats/unit/unit-type.js';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { planTmpfilesRewrites } from '../../src/fix/plans/tmpfiles.js';
import { parsePc } from '../../src/formats/pkgconfig/parse.js';
import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { planSysusersRewrites } from '../../src/fix/plans/sysusers.js';
import { evaluatePc } from '../../src/formats/pkgconfig/evaluate.js';
import { planPcRewrites } from '../../src/fix/plans/pkgconfig.js';
import { Resolver } from '../../src/resolve/resolver.js';
import { applyEdits } from '../../src/text/edit.js';
import type { Rewrite } from '../../src/fix/plans/rewrite.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';
import { RUNS } from './runs.js';
import { onlyEditsChanged } from './only-edits-changed.js';

let root: string;
let resolver: Resolver;
beforeAll(() => {
  root = makeTree({ 'out/bin/nologin': EXEC, 'out/bin/foo': EXEC, 'out/lib/foo/helper': EXEC, 'out/lib/os-release': 'x', 'dep/bin/kill': EXEC, 'dep/bin/env': EXEC });
  resolver = new Resolver({ outputs: [path.join(root, 'out')], searchPath: [path.join(root, 'dep/bin')], storeDir: '/nix/store' });
});
afterAll(() => removeTree(root));

function idempotent(bytes: Buffer, plan: (b: Buffer) => Rewrite): boolean {
  const first = plan(bytes);
  const once = applyEdits(bytes, first.edits);
  if (!onlyEditsChanged(bytes, once, first.edits)) return false;
  return plan(once).edits.length === 0;
}

const blank = fc.constantFrom('', ' ', '\t', '  ');
const eol = fc.constantFrom('\n', '\r\n');
const prefix = fc.constantFrom('', '-', '@', ':', '+', '!', '!!', '-:', '+-@');
const executable = fc.constantFrom('/usr/bin/foo', '/bin/kill', 'foo', '/usr/lib/foo/helper', '/usr/bin/missing', '/usr/bin/env foo', '/nix/store/aaaa-x/bin/x', '/etc/init.d/x');
const arg = fc.constantFrom('--flag', '"a b"', "'c d'", '$MAINPID', '${FOO}', '%i', '\\;', 'x\\x41');
const command = fc.tuple(prefix, fc.boolean(), executable, fc.array(arg, { maxLength: 3 })).map(([p, quoted, exe, args]) => {
  const first = quoted && !exe.includes(' ') ? `"${p}${exe}"` : `${p}${exe}`;
  const argv0 = p.includes('@') ? ' argv0' : '';
  return [first + argv0, ...args].join(' ');
});
const key = fc.constantFrom('ExecStart', 'ExecStartPre', 'ExecStop', 'ExecReload', 'Description', 'Environment');
const line = fc.tuple(blank, key, blank, fc.array(command, { minLength: 1, maxLength: 3 }), fc.boolean(), eol).map(([b1, k, b2, cmds, continued, end]) =>
  continued && cmds.length > 1 ? `${b1}${k}${b2}=${cmds[0]} ; \\${end}# comment${end}  ${cmds.slice(1).join(' ; ')}${end}` : `${b1}${k}${b2}=${cmds.join(' ; ')}${end}`,
);
const unit = fc.tuple(fc.array(line, { maxLength: 8 }), fc.boolean()).map(([lines, bom]) => Buffer.from(`${bom ? '\ufeff' : ''}[Unit]\nDescription=x\n[Service]\n${lines.join('')}`));

/** Every command of a unit's [Service] section as [prefixes, executable, argv0?, ...arguments]. */
function commandModel(bytes: Buffer): string[][] {
  const model: string[][] = [];
  for (const section of parseUnit(bytes).sections) {
    if (section.name !== 'Service') continue;
    for (const a of section.assignments) {
      if (!isCommandKey(section.name, a.key) || a.rawValue === '') continue;
      for (const c of parseCommandLines(a.rawValue).commands) model.push([c.prefixText, c.path, ...(c.argv0 ? [`argv0=${c.argv0.value}`] : []), ...c.args.map((w) => w.value)]);
    }
  }
  return model;
}

// Executables whose answer does not depend on what follows them (env's does): the expected model
// is built from the resolver alone, not from the planner.
const plainExecutable = fc.constantFrom('/usr/bin/foo', '/bin/kill', 'foo', '/usr/lib/foo/helper', '/usr/bin/missing', '/nix/store/aaaa-x/bin/x', '/etc/init.d/x');
const plainCommand = fc.tuple(prefix, fc.boolean(), plainExecutable, fc.array(arg, { maxLength: 3 })).map(([p, quoted, exe, args]) => {
  const first = quoted ? `"${p}${exe}"` : `${p}${exe}`;
  return [first + (p.includes('@') ? ' argv0' : ''), ...args].join(' ');
});
const plainLine = fc.tuple(blank, key, blank, fc.array(plainCommand, { minLength: 1, maxLength: 3 }), fc.boolean(), eol).map(([b1, k, b2, cmds, continued, end]) =>
  continued && cmds.length > 1 ? `${b1}${k}${b2}=${cmds[0]} ; \\${end}# comment${end}  ${cmds.slice(1).join(' ; ')}${end}` : `${b1}${k}${b2}=${cmds.join(' ; ')}${end}`,
);
const plainUnit = fc.array(plainLine, { maxLength: 8 }).map((lines) => Buffer.from(`[Unit]\nDescription=x\n[Service]\n${lines.join('')}`));

test(`unit files: the rewritten file has the same commands with each executable the resolver's answer, nothing else; one edit per changed executable (${RUNS} runs)`, () => {
  const kind = classifyUnitPath('/o/lib/systemd/system/x.service');
  fc.assert(
    fc.property(plainUnit, (bytes) => {
      const plan = planCommandRewrites(parseUnit(bytes), kind, resolver);
      const after = applyEdits(bytes, plan.edits);
      // A system unit without User= runs as root: no setuid wrapper is involved.
      const expected = commandModel(bytes).map(([prefixes, exe, ...rest]) => {
        const r = resolver.resolveExecutable(exe!, { runsAsRoot: true });
        return [prefixes!, r.kind === 'resolved' ? r.path : exe!, ...rest];
      });
      expect(commandModel(after)).toEqual(expected);
      const changed = expected.filter((c, i) => c[1] !== commandModel(bytes)[i]![1]).length;
      expect(plan.edits).toHaveLength(changed);
      // Each edit replaces exactly one executable's bytes with its answer.
      for (const e of plan.edits) expect(resolver.resolveExecutable(bytes.subarray(e.start, e.end).toString('latin1'), { runsAsRoot: true })).toMatchObject({ kind: 'resolved', path: e.text.toString('latin1') });
      expect(onlyEditsChanged(bytes, after, plan.edits)).toBe(true);
      expect(planCommandRewrites(parseUnit(after), kind, resolver).edits).toEqual([]);
    }),
    { numRuns: Math.max(100, Math.round(RUNS / 5)) },
  );
});

test(`unit files: fix(fix(x)) = fix(x), only the executables' bytes change (${RUNS} runs)`, () => {
  const kind = classifyUnitPath('/o/lib/systemd/system/x.service');
  fc.assert(fc.property(unit, (bytes) => idempotent(bytes, (b) => planCommandRewrites(parseUnit(b), kind, resolver))), { numRuns: RUNS });
});

const tmpfilesLine = fc.tuple(fc.constantFrom('L', 'L+', 'C', 'd', 'f'), fc.constantFrom('/etc/os-release', '/etc/x', '"/etc/a b"'), fc.constantFrom('', ' - - - -', ' 0644 root root -'), fc.constantFrom('', ' ../usr/lib/os-release', ' /usr/lib/os-release', ' /usr/lib/missing', ' /etc/x'), eol).map(
  ([type, p, cols, argument, end]) => `${type} ${p}${cols}${cols === '' && argument !== '' ? ' - - - -' : ''}${argument}${end}`,
);
/** Each line's columns as systemd reads them: type, path, mode, user, group, age, argument. */
function tmpfilesModel(bytes: Buffer): (string | null)[][] {
  return parseTmpfiles(bytes).entries.map((e) => [e.action.value, e.path.value, e.mode?.value ?? null, e.user?.value ?? null, e.group?.value ?? null, e.age?.value ?? null, e.argument?.value ?? null]);
}

test(`tmpfiles.d: the rewritten file has the same columns but for each L/C argument, which becomes the file the resolver finds (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.array(tmpfilesLine, { maxLength: 8 }), (lines) => {
      const bytes = Buffer.from(lines.join(''));
      const plan = planTmpfilesRewrites(parseTmpfiles(bytes), resolver);
      const before = tmpfilesModel(bytes);
      const after = tmpfilesModel(applyEdits(bytes, plan.edits));
      const expected = before.map((columns) => {
        const [action, target, , , , , argument] = columns;
        if (!/^[LC]/.test(action!) || argument === null || argument === undefined) return columns;
        const absolute = argument.startsWith('/') ? argument : path.posix.normalize(path.posix.join(path.posix.dirname(target!), argument));
        const r = resolver.resolveFile(absolute);
        return r.kind === 'resolved' ? [...columns.slice(0, 6), r.path] : columns;
      });
      expect(after).toEqual(expected);
      expect(plan.edits.length).toBe(expected.filter((c, i) => c[6] !== before[i]![6]).length);
    }),
    { numRuns: Math.max(100, Math.round(RUNS / 5)) },
  );
});

test(`tmpfiles.d: fix(fix(x)) = fix(x), only targets change (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.array(tmpfilesLine, { maxLength: 8 }), (lines) => idempotent(Buffer.from(lines.join('')), (b) => planTmpfilesRewrites(parseTmpfiles(b), resolver))),
    { numRuns: RUNS },
  );
});

/**
 * .pc files against an output that has bin/ and lib/ only: what each literal
 * root value and each flag becomes is written out by hand here, from the
 * planner's documented rules (a root goes to the output, a multiarch or lib64
 * folder the output lacks to its lib/, anything else stays), not taken from
 * the planner. `${out}` stands for the output's path.
 */
const PC_ROOTS: Record<string, string | undefined> = {
  '/usr': '${out}',
  '/usr/local': '${out}',
  '/usr/include': '${out}/include',
  '/etc': '${out}/etc',
  '/lib/x86_64-linux-gnu': '${out}/lib',
  '/lib64': '${out}/lib',
  '/opt/x': undefined,
  '${prefix}': undefined,
  '${prefix}/lib': undefined,
  '/usrx': undefined,
};
const PC_FLAGS: Record<string, string | undefined> = {
  'Libs: -L/usr/lib -lfoo': 'Libs: -L${out}/lib -lfoo',
  'Libs: -L/lib/x86_64-linux-gnu -lfoo': 'Libs: -L${out}/lib -lfoo',
  'Cflags: -I/usr/include -I/opt/y': 'Cflags: -I${out}/include -I/opt/y',
  'Cflags: -I${includedir}': undefined,
  'Requires: /usr/lib': undefined,
};
const pcComment = fc.constantFrom('', ' # c', '  ');
// prefix comes first or last (an empty one counts only for the variables after it), the others in any order.
const pcFile = fc
  .tuple(
    fc.constantFrom('', '/usr', '/usr/local', '/opt/x', '/lib64'),
    fc.boolean(),
    fc.uniqueArray(fc.tuple(fc.constantFrom('exec_prefix', 'libdir', 'includedir', 'sysconfdir'), fc.constantFrom(...Object.keys(PC_ROOTS))), { selector: ([k]) => k, maxLength: 4 }),
    fc.array(fc.constantFrom(...Object.keys(PC_FLAGS)), { maxLength: 3 }),
    pcComment,
    eol,
  )
  .map(([prefix, first, others, flags, comment, end]) => {
    const vars = first ? [['prefix', prefix], ...others] : [...others, ['prefix', prefix]];
    const text = `${vars.map(([k, v]) => `${k}=${v}${comment}${end}`).join('')}Name: x\nDescription: y\nVersion: 1\n${flags.map((f) => f + end).join('')}`;
    return { vars, flags, bytes: Buffer.from(text) };
  });

/** Every variable and field line of a .pc file: [type, key, value as written]. */
function pcModel(bytes: Buffer): string[][] {
  return parsePc(bytes).nodes.map((n) => [n.type, n.key, n.rawValue]);
}

test(`.pc files: each literal root value and each flag that spells /usr becomes its path in the output, an empty prefix the output when a later variable builds on it; nothing else changes (${RUNS} runs)`, () => {
  const out = path.join(root, 'out');
  const plan = (b: Buffer) => planPcRewrites(evaluatePc(parsePc(b), { pcfiledir: `${out}/lib/pkgconfig` }), { outputs: [out], ownOutput: out });
  const inOutput = (v: string | undefined) => v?.replaceAll('${out}', out);
  fc.assert(
    fc.property(pcFile, ({ vars, flags, bytes }) => {
      const { edits } = plan(bytes);
      const after = applyEdits(bytes, edits);
      const filled = (k: string, v: string, i: number) => k === 'prefix' && v === '' && vars.slice(i + 1).some(([, later]) => later === '${prefix}/lib');
      const expectedVars = vars.map(([k, v], i) => [k, (filled(k!, v!, i) ? out : inOutput(PC_ROOTS[v!])) ?? v]);
      const expectedFlags = flags.map((f) => inOutput(PC_FLAGS[f]) ?? f);
      const model = pcModel(after);
      expect(model.filter(([type]) => type === 'variable').map(([, k, v]) => [k, v])).toEqual(expectedVars);
      expect(model.filter(([type, k]) => type === 'field' && !['Name', 'Description', 'Version'].includes(k!)).map(([, k, v]) => `${k}: ${v}`)).toEqual(expectedFlags);
      expect(model.filter(([type, k]) => type !== 'variable' && ['Name', 'Description', 'Version'].includes(k!))).toEqual(pcModel(bytes).filter(([type, k]) => type !== 'variable' && ['Name', 'Description', 'Version'].includes(k!)));
      // One edit per changed value or flag word, each covering exactly a root value, the FHS part of a flag word, or the empty value it fills.
      const changedWords = expectedFlags.reduce((n, f, i) => n + f.split(' ').filter((w, j) => w !== flags[i]!.split(' ')[j]).length, 0);
      expect(edits).toHaveLength(expectedVars.filter(([, v], i) => v !== vars[i]![1]).length + changedWords);
      const lineBefore = (offset: number) => bytes.subarray(bytes.lastIndexOf('\n', offset - 1) + 1, offset).toString('latin1');
      for (const e of edits) {
        const covered = bytes.subarray(e.start, e.end).toString('latin1');
        const isRoot = Object.keys(PC_ROOTS).includes(covered) && /^\w+=$/.test(lineBefore(e.start));
        const isFlagPart = /^\/(usr|lib|etc)/.test(covered) && /-[IL]$/.test(lineBefore(e.start));
        const fillsEmpty = covered === '' && /^prefix=[ \t]*$/.test(lineBefore(e.start));
        expect({ covered, kind: isRoot || isFlagPart || fillsEmpty }).toEqual({ covered, kind: true });
      }
      expect(onlyEditsChanged(bytes, after, edits)).toBe(true);
      expect(plan(after).edits).toEqual([]);
    }),
    { numRuns: RUNS },
  );
});

const sysusersLine = fc.tuple(fc.constantFrom('u', 'g', 'm', 'r'), fc.constantFrom('foo', 'bar', '-'), fc.constantFrom('', ' -', ' 1000', ' 1000:1000'), fc.constantFrom('', ' "Foo Bar"', " 'x'", ' -'), fc.constantFrom('', ' /var/lib/foo', ' /usr/share/foo', ' -'), fc.constantFrom('', ' /usr/sbin/nologin', ' /bin/sh', ' "/usr/bin/foo"', ' /usr/bin/foo', ' /bin/kill', ' -'), eol).map(
  ([type, name, id, gecos, home, shell, end]) => `${type} ${name}${id || ' -'}${gecos || ' -'}${home || ' -'}${shell}${end}`,
);
/** Each line's columns as systemd-sysusers reads them (null for '-' or none), and whether the line is an entry at all. */
function sysusersModel(bytes: Buffer): (string | null)[][] {
  return parseSysusers(bytes).nodes.map((n) => (n.type === 'entry' ? [n.action.value, n.name?.value ?? null, n.id?.value ?? null, n.gecos?.value ?? null, n.home?.value ?? null, n.shell?.value ?? null] : [n.type]));
}

test(`sysusers.d: the rewritten file has the same columns but for each login shell written as a plain path, which becomes the resolver's answer; homes stay (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.array(sysusersLine, { maxLength: 8 }), (lines) => {
      const bytes = Buffer.from(lines.join(''));
      const parsed = parseSysusers(bytes);
      const plan = planSysusersRewrites(parsed, resolver);
      const after = applyEdits(bytes, plan.edits);
      const before = sysusersModel(bytes);
      // A shell is rewritten when its bytes are the path itself (no quotes) and the resolver finds it.
      const written = parsed.nodes.map((n) => (n.type === 'entry' && n.shell ? bytes.subarray(n.shell.word.start, n.shell.word.end).toString('latin1') : null));
      const expected = before.map((columns, i) => {
        const shell = columns[5];
        if (columns.length === 1 || !shell || written[i] !== shell) return columns;
        const r = resolver.resolveExecutable(shell);
        return r.kind === 'resolved' ? [...columns.slice(0, 5), r.path] : columns;
      });
      expect(sysusersModel(after)).toEqual(expected);
      expect(plan.edits).toHaveLength(expected.filter((c, i) => c[5] !== before[i]![5]).length);
      const shellSpans = parsed.entries.map((e) => e.shell && `${e.shell.word.start}-${e.shell.word.end}`);
      for (const e of plan.edits) expect(shellSpans).toContain(`${e.start}-${e.end}`);
      expect(onlyEditsChanged(bytes, after, plan.edits)).toBe(true);
      expect(planSysusersRewrites(parseSysusers(after), resolver).edits).toEqual([]);
    }),
    { numRuns: Math.max(100, Math.round(RUNS / 5)) },
  );
});
