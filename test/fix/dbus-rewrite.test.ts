import path from 'node:path';
import { parseDbusService } from '../../src/formats/dbus/parse.js';
import type { BusKind } from '../../src/formats/dbus/model.js';
import { planDbusRewrites, planDbusService } from '../../src/fix/plans/dbus-service.js';
import type { PlanContext } from '../../src/fix/plans/planner.js';
import { Resolver } from '../../src/resolve/resolver.js';
import { applyEdits } from '../../src/text/edit.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

// Two outputs ($out, and $odd whose path holds a space) and a dependency ($dep).
const root = makeTree({
  'out/libexec/food-daemon': EXEC,
  'out/libexec/food\rdaemon': EXEC,
  'out/share/food/food.conf': 'x',
  'out/share/food/x-a=b': 'x',
  'dep/bin/sudo': EXEC,
  'dep/share/zoneinfo/UTC': 'x',
  'odd dir/libexec/odd-daemon': EXEC,
});
afterAll(() => removeTree(root));
const O = path.join(root, 'out');
const D = path.join(root, 'dep');
const resolver = new Resolver({ outputs: [O, path.join(root, 'odd dir')], searchPath: [`${D}/bin`], storeDir: '/nix/store' });

const shorten = (s: string) => s.replaceAll(path.join(root, 'odd dir'), '$odd').replaceAll(O, '$out').replaceAll(D, '$dep');

function rewrite(text: string, bus: BusKind | undefined = 'session') {
  const file = parseDbusService(Buffer.from(text, 'latin1'));
  const plan = planDbusRewrites(file, resolver, bus);
  return {
    text: shorten(applyEdits(file.source, plan.edits).toString('latin1')),
    problems: plan.problems.map((p) => ({ ...p, message: shorten(p.message) })),
    replacements: plan.replacements.map((r) => ({ ...r, to: shorten(r.to) })),
  };
}

const svc = (body: string) => `[D-BUS Service]\nName=org.example.Food\n${body}`;
/** What rewrite() gives for a file left as it is, with these problems. */
const left = (body: string, ...problems: unknown[]) => ({ text: svc(body), problems, replacements: [] });
const problem = (column: number, kind: string, message: string, line = 3) => ({ line, column, key: 'Exec', kind, message });

describe('planDbusRewrites', () => {
  test('the program and whole-path arguments are rewritten in place, and each replacement is reported', () => {
    const result = rewrite(svc('Exec=/usr/libexec/food-daemon --session /usr/share/food/food.conf /usr/share/zoneinfo/UTC\n'));
    expect(result.text).toBe(svc('Exec=$out/libexec/food-daemon --session $out/share/food/food.conf $dep/share/zoneinfo/UTC\n'));
    expect(result.problems).toEqual([]);
    expect(result.replacements).toEqual([
      { line: 3, column: 6, key: 'Exec', from: '/usr/libexec/food-daemon', to: '$out/libexec/food-daemon', kind: 'program' },
      { line: 3, column: 41, key: 'Exec', from: '/usr/share/food/food.conf', to: '$out/share/food/food.conf', kind: 'argument' },
      { line: 3, column: 67, key: 'Exec', from: '/usr/share/zoneinfo/UTC', to: '$dep/share/zoneinfo/UTC', kind: 'argument' },
    ]);
  });

  test('a bare program name is reported, because dbus-daemon does not search PATH; an empty one is not', () => {
    const body = 'Exec=food-daemon --session\n';
    expect(rewrite(svc(body))).toEqual(left(body, problem(6, 'program', 'dbus-daemon runs food-daemon without searching PATH, so it never starts; write the full path')));
    expect(rewrite(svc('Exec=\n'))).toEqual(left('Exec=\n'));
  });

  test('the program is looked up even when it is no package path: /usr/bin/ is a folder, reported', () => {
    expect(rewrite(svc('Exec=/usr/bin/ --session\n')).problems).toEqual([
      problem(6, 'program', 'cannot resolve /usr/bin/: no executable bin/ in the outputs or the search path; left as it is'),
    ]);
  });

  test('arguments are rewritten only when they are whole package paths, also after --option= and -o=', () => {
    const body = 'Exec=/usr/libexec/food-daemon --config=/usr/share/food/food.conf -c=/usr/share/food/food.conf /usr/share/food/x-a=b -z/usr/share/zoneinfo/UTC /usr /usr/share /etc/food.conf x=/usr/share/food/food.conf\n';
    const result = rewrite(svc(body));
    expect(result.text).toBe(
      svc('Exec=$out/libexec/food-daemon --config=$out/share/food/food.conf -c=$out/share/food/food.conf $out/share/food/x-a=b -z/usr/share/zoneinfo/UTC /usr /usr/share /etc/food.conf x=/usr/share/food/food.conf\n'),
    );
    expect(result.problems).toEqual([]);
    expect(result.replacements.map((r) => [r.column, r.from, r.kind])).toEqual([
      [6, '/usr/libexec/food-daemon', 'program'],
      [40, '/usr/share/food/food.conf', 'argument'],
      [69, '/usr/share/food/food.conf', 'argument'],
      [95, '/usr/share/food/x-a=b', 'argument'],
    ]);
  });

  test('an argument is looked up as a file, not as a program; the program as a program', () => {
    // A plain file is no program; sudo goes to its wrapper only as a program.
    expect(rewrite(svc('Exec=/usr/bin/sudo /usr/share/food/food.conf\n')).text).toBe(svc('Exec=/run/wrappers/bin/sudo $out/share/food/food.conf\n'));
  });

  describe('a setuid program resolves to the plain program only when the system bus runs it as root', () => {
    test.each<[string, BusKind | undefined, string]>([
      ['User=root\n', 'system', '$dep/bin/sudo'],
      ['User=0\n', 'system', '$dep/bin/sudo'],
      ['User=messagebus\n', 'system', '/run/wrappers/bin/sudo'],
      ['', 'system', '/run/wrappers/bin/sudo'],
      ['User=root\n', 'session', '/run/wrappers/bin/sudo'],
      ['User=0\n', 'session', '/run/wrappers/bin/sudo'],
      ['User=root\n', undefined, '/run/wrappers/bin/sudo'],
    ])('%j on the %s bus', (user, bus, program) => {
      expect(rewrite(svc(`Exec=/usr/bin/sudo -u food\n${user}`), bus).text).toBe(svc(`Exec=${program} -u food\n${user}`));
    });
  });

  test('files dbus-daemon does not load, or without Exec=, are left without a word', () => {
    for (const text of [
      '[D-BUS Service]\nExec=/usr/libexec/food-daemon\n',
      '[D-BUS Service]\nName=org.example.Food\nSystemdService=food.service\n',
      '[Other]\nName=org.example.Food\nExec=/usr/libexec/food-daemon\n',
      svc('Exec=/usr/libexec/food-daemon "unclosed\n'),
    ]) {
      expect(rewrite(text)).toEqual({ text, problems: [], replacements: [] });
    }
  });

  test('what the resolver cannot place is reported at its word, with the reason', () => {
    expect(rewrite(svc('Exec=/usr/libexec/missing --session /usr/share/food/missing.conf\n')).problems).toEqual([
      problem(6, 'program', 'cannot resolve /usr/libexec/missing: no executable libexec/missing in the outputs or the search path; left as it is'),
      problem(37, 'argument', 'cannot resolve /usr/share/food/missing.conf: no share/food/missing.conf in the outputs or dependencies; left as it is'),
    ]);
  });

  test('words written with quotes, escapes or a comment are reported, not rewritten', () => {
    const body = 'Exec="/usr/libexec/food-daemon" /usr/share/food/fo\\\\od.conf /usr/share/food/fo#x\\nod.conf\n';
    expect(rewrite(svc(body))).toEqual(
      left(
        body,
        problem(6, 'program', '/usr/libexec/food-daemon is written with quotes, escapes or a comment; left as it is'),
        problem(33, 'argument', '/usr/share/food/food.conf is written with quotes, escapes or a comment; left as it is'),
        problem(61, 'argument', '/usr/share/food/food.conf is written with quotes, escapes or a comment; left as it is'),
      ),
    );
  });

  test('a word holding a desktop escape (\\r) is refused, even though dbus reads it as one plain word', () => {
    const body = 'Exec=/usr/libexec/food\\rdaemon --session\n';
    expect(rewrite(svc(body))).toEqual(left(body, problem(6, 'program', '/usr/libexec/food\rdaemon is written with quotes, escapes or a comment; left as it is')));
  });

  test('desktop escapes elsewhere in the value: the words after them are placed by their bytes in the file', () => {
    const result = rewrite(svc('Exec=/usr/libexec/food-daemon -a\\s/usr/share/food/food.conf --x\\ty /usr/share/food/missing /usr/share/zoneinfo/UTC\n'));
    expect(result.text).toBe(svc('Exec=$out/libexec/food-daemon -a\\s$out/share/food/food.conf --x\\ty /usr/share/food/missing $dep/share/zoneinfo/UTC\n'));
    expect(result.replacements.map((r) => [r.column, r.from])).toEqual([
      [6, '/usr/libexec/food-daemon'],
      [35, '/usr/share/food/food.conf'],
      [92, '/usr/share/zoneinfo/UTC'],
    ]);
    expect(result.problems).toEqual([problem(68, 'argument', 'cannot resolve /usr/share/food/missing: no share/food/missing in the outputs or dependencies; left as it is')]);
  });

  test('a resolved path that would need quoting is reported and not written', () => {
    const body = 'Exec=/usr/libexec/odd-daemon --session\n';
    expect(rewrite(svc(body))).toEqual(left(body, problem(6, 'program', 'resolved path $odd/libexec/odd-daemon would need quoting; left /usr/libexec/odd-daemon as it is')));
  });

  test('planDbusService takes the bus from the folder the file is in', () => {
    const file = parseDbusService(Buffer.from(svc('Exec=/usr/bin/sudo\nUser=root\n'), 'latin1'));
    const run = (folder: string) => {
      const plan = planDbusService(file, { file: `/x/share/dbus-1/${folder}/org.example.Food.service`, resolver } as unknown as PlanContext);
      return shorten(applyEdits(file.source, plan.edits).toString('latin1'));
    };
    expect(run('system-services')).toBe(svc('Exec=$dep/bin/sudo\nUser=root\n'));
    expect(run('services')).toBe(svc('Exec=/run/wrappers/bin/sudo\nUser=root\n'));
  });
});
