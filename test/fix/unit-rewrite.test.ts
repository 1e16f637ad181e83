import path from 'node:path';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { planCommandRewrites } from '../../src/fix/plans/unit-commands.js';
import { classifyUnitPath } from '../../src/formats/unit/unit-type.js';
import { Resolver } from '../../src/resolve/resolver.js';
import { applyEdits } from '../../src/text/edit.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';
import { bashReading, shellAccepts, unitShellScripts } from '../helpers/shell-scripts.js';

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
    'dep/bin/bash': EXEC,
    'dep/bin/wg': EXEC,
    'dep/bin/wg-quick': EXEC,
    'dep/share/zoneinfo/UTC': 'x',
    'out/share/foo/foo.conf': 'x',
    'out/lib/foo/helper': EXEC,
    'out/lib/a=b/helper': EXEC,
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
    ['ExecStart=/bin/sh -c "/usr/bin/foo | /usr/bin/bar"\n', 'ExecStart=$dep/bin/sh -c "$out/bin/foo | /usr/bin/bar"\n'],
  ])('%j', (body, expected) => {
    expect(rewrite(svc(body)).text).toBe(svc(expected));
  });

  // What env runs is found after its flags and assignments; a program env cannot be replaced by keeps env.
  test.each([
    // kill is on the search path only: found as the program env runs, not as a file an output ships.
    ['ExecStart=/usr/bin/env -i /bin/kill\n', 'ExecStart=$dep/bin/env -i $dep/bin/kill\n'],
    ['ExecStart=/usr/bin/env --ignore-environment /bin/kill\n', 'ExecStart=$dep/bin/env --ignore-environment $dep/bin/kill\n'],
    ['ExecStart=/usr/bin/env - /bin/kill\n', 'ExecStart=$dep/bin/env - $dep/bin/kill\n'],
    ['ExecStart=/usr/bin/env $PROG --x\n', 'ExecStart=$dep/bin/env $PROG --x\n'],
    ['ExecStart=/usr/bin/env /nix/store/00000000000000000000000000000000-x/bin/x\n', 'ExecStart=$dep/bin/env /nix/store/00000000000000000000000000000000-x/bin/x\n'],
    ['ExecStart="/usr/bin/env" python3 -m x\n', 'ExecStart="$dep/bin/env" python3 -m x\n'],
  ])('env: %j', (body, expected) => {
    const result = rewrite(svc(body));
    expect(result.text).toBe(svc(expected));
    expect(result.problems).toEqual([]);
  });

  describe('arguments that name files of the outputs or a dependency', () => {
    test.each([
      ['ExecStart=/usr/bin/foo --config /usr/share/foo/foo.conf -f /etc/foo.conf --pid /run/foo\n', 'ExecStart=$out/bin/foo --config $out/share/foo/foo.conf -f /etc/foo.conf --pid /run/foo\n'],
      ['ExecStart=/usr/bin/foo --config=/usr/share/foo/foo.conf -z/usr/share/zoneinfo/UTC\n', 'ExecStart=$out/bin/foo --config=$out/share/foo/foo.conf -z/usr/share/zoneinfo/UTC\n'],
      ['ExecStart=/bin/sh /usr/lib/foo/helper "/usr/share/zoneinfo/UTC"\n', 'ExecStart=$dep/bin/sh $out/lib/foo/helper "$dep/share/zoneinfo/UTC"\n'],
      ['ExecStart=/usr/bin/env FOO=1 /usr/lib/foo/helper /usr/share/foo/foo.conf\n', 'ExecStart=$dep/bin/env FOO=1 $out/lib/foo/helper $out/share/foo/foo.conf\n'],
      ['ExecStart=/usr/bin/foo /usr /usr/share /nix/store/x-y/share/foo.conf\n', 'ExecStart=$out/bin/foo /usr /usr/share /nix/store/x-y/share/foo.conf\n'],
    ])('%j', (body, expected) => {
      const result = rewrite(svc(body));
      expect(result.text).toBe(svc(expected));
      expect(result.problems).toEqual([]);
    });

    test('arguments the resolver cannot place, or that hold specifiers or more than a path, are reported', () => {
      const body = 'ExecStart=/usr/bin/foo /usr/share/foo/missing /usr/lib/%N/x "/usr/bin/foo --x"\n';
      const result = rewrite(svc(body));
      expect(result.text).toBe(svc(body.replace('/usr/bin/foo', '$out/bin/foo')));
      expect(result.problems).toEqual([
        '5:24 cannot resolve /usr/share/foo/missing: no share/foo/missing in the outputs or dependencies; left as it is',
        '5:47 argument /usr/lib/%N/x contains specifiers or variables; left as it is',
        '5:62 argument /usr/bin/foo is part of a longer text; left as it is',
      ]);
      expect(rewrite(svc(body)).replacements.map((r) => r.kind)).toEqual([undefined]);
    });
  });

  test('a note about a path inside an option word points at the path, not at the word', () => {
    const result = rewrite(svc('ExecStart=/usr/bin/foo --conf=/usr/lib/%N/x\n'));
    expect(result.problems).toEqual(['5:31 argument /usr/lib/%N/x contains specifiers or variables; left as it is']);
  });

  describe('env: the program it runs', () => {
    test.each([
      // env's own options before the program: its target is a program (a wrapper under User=), not a file argument.
      ['ExecStart=/usr/bin/env -i /bin/mount -a\n', 'ExecStart=$dep/bin/env -i /run/wrappers/bin/mount -a\n'],
      ['ExecStart=/usr/bin/env --ignore-environment /bin/mount -a\n', 'ExecStart=$dep/bin/env --ignore-environment /run/wrappers/bin/mount -a\n'],
      ['ExecStart=/usr/bin/env - /bin/mount -a\n', 'ExecStart=$dep/bin/env - /run/wrappers/bin/mount -a\n'],
      // An '=' inside a path does not make it an assignment: only NAME= at the start does.
      ['ExecStart=/usr/bin/env /usr/lib/a=b/helper x\n', 'ExecStart=$out/lib/a=b/helper x\n'],
      // An option env takes with a value: what follows is not known to be the program; it stays an argument.
      ['ExecStart=/usr/bin/env -u X /usr/lib/foo/helper\n', 'ExecStart=$dep/bin/env -u X $out/lib/foo/helper\n'],
      ['ExecStart=/usr/bin/env\n', 'ExecStart=$dep/bin/env\n'],
      // A quoted program is not collapsed (its quotes would have to go): env stays, the bare name is found by env.
      ['ExecStart=/usr/bin/env "python3" -m x\n', 'ExecStart=$dep/bin/env "python3" -m x\n'],
    ])('%j', (body, expected) => {
      const result = rewrite(svc(`User=foo\n${body}`));
      expect(result.text).toBe(svc(`User=foo\n${expected}`));
      expect(result.problems).toEqual([]);
    });

    test('an env already in the store is left alone, and so is the program it finds', () => {
      const text = svc(`ExecStart=${D}/bin/env python3 -m x\n`);
      expect(rewrite(text).text).toBe(svc('ExecStart=$dep/bin/env python3 -m x\n'));
    });

    test('a collapsed env reports env and its program as what was replaced', () => {
      expect(rewrite(svc('ExecStart=/usr/bin/env python3 -m x\n')).replacements).toEqual([
        { line: 5, column: 11, key: 'ExecStart', from: '/usr/bin/env python3', to: `${O}/bin/python3` },
      ]);
    });
  });

  test('a [Service] section in a socket unit is not read for commands', () => {
    const socket = '[Socket]\nListenStream=1\n[Service]\nExecStart=/usr/bin/foo\n';
    expect(rewrite(socket, 'foo.socket').text).toBe(socket);
  });

  describe('sh -c and bash -c scripts: whole path words only', () => {
    test.each([
      ['ExecStop=/bin/sh -c "/usr/bin/foo --stop || :"\n', 'ExecStop=$dep/bin/sh -c "$out/bin/foo --stop || :"\n'],
      ["ExecReload=/bin/bash -c 'exec /usr/bin/wg syncconf %i <(exec /usr/bin/wg-quick strip %i)'\n", "ExecReload=$dep/bin/bash -c 'exec $dep/bin/wg syncconf %i <(exec $dep/bin/wg-quick strip %i)'\n"],
      ["ExecStart=/bin/sh -ec 'if [ -x /usr/lib/foo/helper ]; then /usr/lib/foo/helper --conf=/usr/share/foo/foo.conf; fi'\n", "ExecStart=$dep/bin/sh -ec 'if [ -x $out/lib/foo/helper ]; then $out/lib/foo/helper --conf=$out/share/foo/foo.conf; fi'\n"],
      ['ExecStart=/bin/sh -c "echo \\"/usr/share/foo/foo.conf\\" > /dev/null"\n', 'ExecStart=$dep/bin/sh -c "echo \\"$out/share/foo/foo.conf\\" > /dev/null"\n'],
      ["ExecStart=/usr/bin/env bash -c '/usr/bin/foo $$1' x\n", "ExecStart=$dep/bin/bash -c '$out/bin/foo $$1' x\n"],
      ["ExecStart=/bin/sh -c '/usr/bin/foo.bak; x/usr/bin/foo; echo /usr/bin/foox' /usr/share/foo/foo.conf\n", "ExecStart=$dep/bin/sh -c '/usr/bin/foo.bak; x/usr/bin/foo; echo /usr/bin/foox' $out/share/foo/foo.conf\n"],
      ["ExecStart=/usr/bin/foo -c '/usr/bin/foo x'\n", "ExecStart=$out/bin/foo -c '/usr/bin/foo x'\n"],
    ])('%j', (body, expected) => {
      const result = rewrite(svc(body));
      expect(result.text).toBe(svc(expected));
      // The shell still accepts the script, and reads the same words in it: only the paths differ.
      const after = unitShellScripts(Buffer.from(result.text.replaceAll('$out', O).replaceAll('$dep', D), 'latin1'));
      const before = unitShellScripts(Buffer.from(svc(body), 'latin1'));
      expect(after.length).toBe(before.length);
      after.forEach((script, i) => {
        expect(shellAccepts(script)).toBe(true);
        let read = bashReading(script.script);
        for (const r of result.replacements) read = read?.replaceAll(r.to, r.from);
        expect(read).toBe(bashReading(before[i]!.script));
        expect(read).toBeDefined();
      });
    });

    test('what is not a whole path word, or not read, is reported and left', () => {
      const body = [
        `ExecStart=/bin/sh -c 'PATH=/usr/lib/foo:$PATH; cat /usr/share/foo/*.conf "/usr/lib/$x"'`,
        `ExecStop=/bin/sh -c 'cat <<EOF\\n/usr/bin/foo\\nEOF'`,
        `ExecReload=/bin/sh -c '/usr/bin/f'oo`,
        `ExecStartPre=/bin/sh -c '/usr/bin/missing'`,
        `ExecStartPost=/bin/sh -c '%h/bin/x /usr/lib/%N/helper'`,
      ].join('\n');
      const result = rewrite(svc(`${body}\n`));
      expect(result.text).toBe(svc(`${body}\n`).replaceAll('/bin/sh', '$dep/bin/sh'));
      expect(result.problems).toEqual([
        '5:23 /usr/lib/foo: in the shell script contains specifiers or variables; left as it is',
        '5:52 /usr/share/foo/*.conf in the shell script is not a whole word the shell reads as a path; left as it is',
        '5:74 /usr/lib/ in the shell script contains specifiers or variables; left as it is',
        '6:26 the shell script is not read (here-documents are not read); paths in it are not rewritten',
        '7:24 /usr/bin/foo mixes quoting in a way that cannot be rewritten in place; left as it is',
        '8:26 cannot resolve /usr/bin/missing: no executable bin/missing in the outputs or the search path; left as it is',
        '9:36 /usr/lib/%N/helper in the shell script contains specifiers or variables; left as it is',
      ]);
      const file = parseUnit(Buffer.from(svc(`${body}\n`), 'latin1'));
      expect(new Set(planCommandRewrites(file, undefined, resolver).problems.map((p) => p.kind))).toEqual(new Set(['shell']));
    });
  });

  test('/usr/bin/env before a program found nowhere: reported, and the whole line left as written', () => {
    const body = 'ExecStart=/usr/bin/env nosuch --x\n';
    const result = rewrite(svc(body));
    expect(result.text).toBe(svc(body));
    expect(result.problems).toEqual(['5:24 cannot resolve nosuch: no executable nosuch in the outputs or the search path; left as it is']);
  });

  test('a program written with quotes inside its path is reported, not rewritten', () => {
    const body = 'ExecStart=/usr/bin/f"oo" --a\n';
    const result = rewrite(svc(body));
    expect(result.text).toBe(svc(body));
    expect(result.problems).toEqual(['5:11 /usr/bin/foo mixes quoting in a way that cannot be rewritten in place; left as it is']);
  });

  test('a path in a shell script whose answer would need quoting there is reported, not rewritten', () => {
    const spaced = makeTree({ 'my out/share/foo/foo.conf': 'x', 'dep/bin/sh': EXEC });
    try {
      const spacedResolver = new Resolver({ outputs: [path.join(spaced, 'my out')], searchPath: [`${spaced}/dep/bin`], storeDir: '/nix/store' });
      const body = "ExecStart=/bin/sh -c 'cat /usr/share/foo/foo.conf'\n";
      const file = parseUnit(Buffer.from(svc(body), 'latin1'));
      const plan = planCommandRewrites(file, undefined, spacedResolver);
      expect(applyEdits(file.source, plan.edits).toString('latin1')).toBe(svc(body).replace('/bin/sh', `${spaced}/dep/bin/sh`));
      expect(plan.problems.map((p) => [p.line, p.kind, p.message])).toEqual([
        [5, 'shell', `resolved path ${spaced}/my out/share/foo/foo.conf would need quoting in the shell script; left /usr/share/foo/foo.conf as it is`],
      ]);
    } finally {
      removeTree(spaced);
    }
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

  test("a '|' command is reported only when a word of it holds an FHS path; a specifier only in an FHS executable", () => {
    const body = [
      'ExecStartPre=|echo hello',
      'ExecStartPre=|echo a/ usr/b',
      'ExecStartPre=|x/ usr/y',
      'ExecStartPost=|echo /usr/share/x',
      'ExecStop=/opt/%N/helper',
      'ExecStopPost=%h/bin/x',
    ].join('\n');
    const result = rewrite(svc(`${body}\n`));
    expect(result.text).toBe(svc(`${body}\n`));
    expect(result.problems).toEqual(["8:15 command runs through the user's shell ('|' prefix); paths in it are not rewritten"]);
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
      ['DynamicUser=yes but a + command', 'DynamicUser=yes\nExecStart=+/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['User= outside the [Service] section does not count', 'ExecStart=/bin/mount -a\n[Install]\nUser=foo\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['User=0 is root too', 'User=0\nExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['DynamicUser=no leaves User=root', 'User=root\nDynamicUser=no\nExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      // systemd's parse_boolean takes whole words only: these are no booleans, so the setting is ignored.
      ['DynamicUser=ayes is no boolean', 'User=root\nDynamicUser=ayes\nExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['DynamicUser=yesno is no boolean', 'User=root\nDynamicUser=yesno\nExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '$dep/bin/mount'],
      ['DynamicUser=TRUE', 'DynamicUser=TRUE\nExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/system', '/run/wrappers/bin/mount'],
      ['user unit', 'ExecStart=/bin/mount -a\n', 'foo.service', 'lib/systemd/user', '/run/wrappers/bin/mount'],
      ['drop-in (its unit may set User=)', 'ExecStart=/bin/mount -a\n', 'override.conf', 'lib/systemd/system/foo.service.d', '/run/wrappers/bin/mount'],
    ])('%s', (_name, body, name, folder, expected) => {
      const text = `[Service]\n${body}`;
      expect(rewrite(text, name, folder).text).toBe(text.replace('/bin/mount', expected).replace(/^(.*ExecStart=[-+!@:]*)\$dep/m, '$1$dep'));
    });
  });
});
