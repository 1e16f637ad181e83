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
import { applyEdits, type Edit } from '../../src/text/edit.js';
import type { Rewrite } from '../../src/fix/plans/rewrite.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';
import { RUNS } from './runs.js';

let root: string;
let resolver: Resolver;
beforeAll(() => {
  root = makeTree({ 'out/bin/nologin': EXEC, 'out/bin/foo': EXEC, 'out/lib/foo/helper': EXEC, 'out/lib/os-release': 'x', 'dep/bin/kill': EXEC, 'dep/bin/env': EXEC });
  resolver = new Resolver({ outputs: [path.join(root, 'out')], searchPath: [path.join(root, 'dep/bin')], storeDir: '/nix/store' });
});
afterAll(() => removeTree(root));

/** Every byte outside the edited spans is where it was, and the edits are exactly the difference. */
function onlyEditsChanged(before: Buffer, after: Buffer, edits: readonly Edit[]): boolean {
  let delta = 0;
  let cursor = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (!before.subarray(cursor, e.start).equals(after.subarray(cursor + delta, e.start + delta))) return false;
    if (!after.subarray(e.start + delta, e.start + delta + e.text.length).equals(e.text)) return false;
    delta += e.text.length - (e.end - e.start);
    cursor = e.end;
  }
  return before.subarray(cursor).equals(after.subarray(cursor + delta));
}

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

const pcVariable = fc.tuple(fc.constantFrom('prefix', 'exec_prefix', 'libdir', 'includedir', 'sysconfdir'), fc.constantFrom('/usr', '/usr/local', '${prefix}', '${prefix}/lib', '/usr/include', '/etc', '/opt/x', '/lib/x86_64-linux-gnu', '/lib64', ''), fc.constantFrom('', ' # c', '  '), eol).map(
  ([k, v, c, end]) => `${k}=${v}${c}${end}`,
);
test(`.pc files: fix(fix(x)) = fix(x), only root values change (${RUNS} runs)`, () => {
  const out = path.join(root, 'out');
  fc.assert(
    fc.property(fc.array(pcVariable, { maxLength: 8 }), fc.constantFrom('', 'Libs: -L/usr/lib -lfoo\n', 'Libs: -L/lib/x86_64-linux-gnu -lfoo\n', 'Cflags: -I${includedir}\n'), (vars, flags) => {
      const bytes = Buffer.from(`${vars.join('')}Name: x\nDescription: y\nVersion: 1\n${flags}`);
      return idempotent(bytes, (b) => planPcRewrites(evaluatePc(parsePc(b), { pcfiledir: `${out}/lib/pkgconfig` }), { outputs: [out], ownOutput: out }));
    }),
    { numRuns: RUNS },
  );
});

const sysusersLine = fc.tuple(fc.constantFrom('u', 'g', 'm', 'r'), fc.constantFrom('foo', 'bar', '-'), fc.constantFrom('', ' -', ' 1000', ' 1000:1000'), fc.constantFrom('', ' "Foo Bar"', " 'x'", ' -'), fc.constantFrom('', ' /var/lib/foo', ' /usr/share/foo', ' -'), fc.constantFrom('', ' /usr/sbin/nologin', ' /bin/sh', ' "/usr/bin/foo"', ' -'), eol).map(
  ([type, name, id, gecos, home, shell, end]) => `${type} ${name}${id || ' -'}${gecos || ' -'}${home || ' -'}${shell}${end}`,
);
test(`sysusers.d: fix(fix(x)) = fix(x), only shells change (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.array(sysusersLine, { maxLength: 8 }), (lines) => idempotent(Buffer.from(lines.join('')), (b) => planSysusersRewrites(parseSysusers(b), resolver))),
    { numRuns: RUNS },
  );
});
