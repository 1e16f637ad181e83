import path from 'node:path';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { planCommandRewrites } from '../../src/formats/unit/rewrite-commands.js';
import { classifyUnitPath } from '../../src/formats/unit/unit-type.js';
import { Resolver } from '../../src/resolve/resolver.js';
import { applyEdits } from '../../src/text/edit.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

let root: string;
let resolver: Resolver;
let O: string;
let D: string;
beforeAll(() => {
  root = makeTree({
    'out/bin/foo': EXEC,
    'out/bin/python3': EXEC,
    'out/lib/systemd/systemd-food': EXEC,
    'dep/bin/kill': EXEC,
    'dep/bin/env': EXEC,
    'dep/bin/sh': EXEC,
    'dep/bin/mount': EXEC,
  });
  O = path.join(root, 'out');
  D = path.join(root, 'dep');
  resolver = new Resolver({ outputs: [O], searchPath: [`${D}/bin`], storeDir: '/nix/store' });
});
afterAll(() => removeTree(root));

function rewrite(text: string, name = 'foo.service', folder = 'lib/systemd/system') {
  const file = parseUnit(Buffer.from(text, 'latin1'));
  const plan = planCommandRewrites(file, classifyUnitPath(`/x/${folder}/${name}`), resolver);
  const out = applyEdits(file.source, plan.edits).toString('latin1').replaceAll(O, '$out').replaceAll(D, '$dep');
  return { text: out, problems: plan.problems.map((p) => `${p.line}:${p.column} ${p.message}`.replaceAll(D, '$dep')), replacements: plan.replacements };
}

const svc = (body: string) => `[Unit]\nDescription=x\n\n[Service]\n${body}`;

describe('planCommandRewrites', () => {
  test.each([
    ['ExecStart=/usr/bin/foo --a\n', 'ExecStart=$out/bin/foo --a\n'],
    ['ExecStart=-@:+/usr/bin/foo foo --a\n', 'ExecStart=-@:+$out/bin/foo foo --a\n'],
    ['ExecStart=!!/bin/kill -HUP $MAINPID\n', 'ExecStart=!!$dep/bin/kill -HUP $MAINPID\n'],
    ['ExecStart="/usr/bin/foo" "a b"\n', 'ExecStart="$out/bin/foo" "a b"\n'],
    ["ExecStart='-/usr/bin/foo' x\n", "ExecStart='-$out/bin/foo' x\n"],
    ['ExecStart=/usr/bin/fo\\x6f\n', 'ExecStart=$out/bin/foo\n'],
    ['ExecStart=foo\n', 'ExecStart=$out/bin/foo\n'],
    ['ExecStart=/lib/systemd/systemd-food\n', 'ExecStart=$out/lib/systemd/systemd-food\n'],
    ['ExecStartPre=/bin/kill a ; -/usr/bin/foo \\; b ; kill\n', 'ExecStartPre=$dep/bin/kill a ; -$out/bin/foo \\; b ; $dep/bin/kill\n'],
    ['ExecStart=/usr/bin/env python3 -m x\n', 'ExecStart=$out/bin/python3 -m x\n'],
    ['ExecStart=/usr/bin/env FOO=1 /usr/bin/foo\n', 'ExecStart=$dep/bin/env FOO=1 $out/bin/foo\n'],
    ['ExecStart=@/usr/bin/env env foo\n', 'ExecStart=@$dep/bin/env env foo\n'],
    ['ExecStart=/usr/bin/foo \\\n  --a\\\n# note\n  --b\n', 'ExecStart=$out/bin/foo \\\n  --a\\\n# note\n  --b\n'],
    ['ExecStart = /usr/bin/foo\r\nExecReload=/bin/kill\r\n', 'ExecStart = $out/bin/foo\r\nExecReload=$dep/bin/kill\r\n'],
    ['ExecStart=/bin/sh -c "/usr/bin/foo | /usr/bin/bar"\n', 'ExecStart=$dep/bin/sh -c "/usr/bin/foo | /usr/bin/bar"\n'],
  ])('%j', (body, expected) => {
    expect(rewrite(svc(body)).text).toBe(svc(expected));
  });

  test('only command-line keys of the unit type own section change', () => {
    const text = svc('ExecStart=/usr/bin/foo\nEnvironmentFile=/usr/bin/foo\nPIDFile=/bin/kill\n') + '[Install]\nExecStart=/usr/bin/foo\n';
    expect(rewrite(text).text).toBe(svc('ExecStart=$out/bin/foo\nEnvironmentFile=/usr/bin/foo\nPIDFile=/bin/kill\n') + '[Install]\nExecStart=/usr/bin/foo\n');
    const socket = '[Socket]\nListenStream=1\nExecStartPre=/usr/bin/foo\nExecStart=/usr/bin/foo\n';
    expect(rewrite(socket, 'foo.socket').text).toBe('[Socket]\nListenStream=1\nExecStartPre=$out/bin/foo\nExecStart=/usr/bin/foo\n');
    const mount = '[Mount]\nWhat=/dev/sda\nExecStart=/usr/bin/foo\n';
    expect(rewrite(mount, 'x.mount').text).toBe(mount);
  });

  test('drop-ins and templates are rewritten like units', () => {
    const file = parseUnit(Buffer.from('[Service]\nExecStart=\nExecStart=/usr/bin/foo %i\n'));
    const plan = planCommandRewrites(file, classifyUnitPath('/o/lib/systemd/system/foo@.service.d/override.conf'), resolver);
    expect(plan.replacements.map((r) => [r.line, r.column, r.key, r.from])).toEqual([[3, 11, 'ExecStart', '/usr/bin/foo']]);
  });

  test('what cannot be resolved or rewritten with certainty is reported and left alone', () => {
    const body = [
      'ExecStart=/usr/bin/missing',
      'ExecStop=/usr/lib/%N/helper',
      'ExecReload="/usr/bin/"fo"o"',
      'ExecStartPost=/usr/bin/fo\\',
      '  o-split',
      'ExecStopPost="/usr/bin/unbalanced',
      'ExecCondition=|/usr/bin/foo',
    ].join('\n');
    const result = rewrite(svc(`${body}\n`));
    expect(result.text).toBe(svc(`${body}\n`).replace('"/usr/bin/"fo"o"', '"$out/bin/foo"'));
    expect(result.problems).toEqual([
      '5:11 cannot resolve /usr/bin/missing: no executable bin/missing in the outputs or the search path; left as it is',
      '6:10 executable /usr/lib/%N/helper contains specifiers; left as it is',
      '8:15 cannot resolve /usr/bin/fo: no executable bin/fo in the outputs or the search path; left as it is',
      '10:14 systemd cannot parse this command line (unbalanced " quote); left as it is',
      "11:15 command runs through the user's shell ('|' prefix); paths in it are not rewritten",
    ]);
  });

  test('store paths are left alone: a second run changes nothing', () => {
    const once = rewrite(svc('ExecStart=/usr/bin/foo\nExecStop=/bin/kill\n'));
    const file = parseUnit(Buffer.from(once.text.replaceAll('$out', O).replaceAll('$dep', D), 'latin1'));
    expect(planCommandRewrites(file, undefined, resolver).edits).toEqual([]);
  });

  test('replacements report line, column and both paths', () => {
    expect(rewrite(svc('ExecStart=-/usr/bin/foo\n')).replacements).toEqual([
      { line: 5, column: 12, key: 'ExecStart', from: '/usr/bin/foo', to: `${O}/bin/foo` },
    ]);
  });

  describe('setuid programs become wrappers only where the command does not run as root', () => {
    test.each([
      ['system unit without User=', 'ExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['system unit with User=root', 'User=root\nExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['system unit with User=', 'User=foo\nExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '/run/wrappers/bin/mount'],
      ['... but a + command', 'User=foo\nExecStart=+/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['... and a ! command', 'User=foo\nExecStart=!/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['... but not !! (credentials applied)', 'User=foo\nExecStart=!!/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '/run/wrappers/bin/mount'],
      ['DynamicUser=yes', 'DynamicUser=yes\nExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '/run/wrappers/bin/mount'],
      ['user unit', 'ExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/user', '/run/wrappers/bin/mount'],
      ['drop-in (its unit may set User=)', 'ExecStart=/bin/mount -a\n', 'override.conf', 'lib/systemd/system/foo.service.d', '/run/wrappers/bin/mount'],
    ])('%s', (_name, body, name, folder, expected) => {
      const text = `[Service]\n${body}`;
      expect(rewrite(text, name, folder).text).toBe(text.replace('/bin/mount', expected).replace(/^(.*ExecStart=[-+!@:]*)\$dep/m, '$1$dep'));
    });
  });
});
