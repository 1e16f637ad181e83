import path from 'node:path';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { planSettingRewrites } from '../../src/fix/plans/unit-settings.js';
import { classifyUnitPath } from '../../src/formats/unit/unit-type.js';
import { Resolver } from '../../src/resolve/resolver.js';
import { applyEdits } from '../../src/text/edit.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

let root: string;
let resolver: Resolver;
let O: string;
beforeAll(() => {
  root = makeTree({ 'out/share/foo/foo.conf': 'x', 'out/lib/foo/plugins/a': 'x', 'out/libexec/foo/bin/helper': EXEC, 'dep/bin/sh': EXEC, 'dep/share/zoneinfo/UTC': 'x' });
  O = path.join(root, 'out');
  resolver = new Resolver({ outputs: [O], searchPath: [path.join(root, 'dep/bin')], storeDir: '/nix/store' });
});
afterAll(() => removeTree(root));

function rewrite(body: string) {
  const file = parseUnit(Buffer.from(`[Unit]\nDescription=x\n[Service]\n${body}`, 'latin1'));
  const plan = planSettingRewrites(file, classifyUnitPath('/x/lib/systemd/system/foo.service'), resolver);
  const text = applyEdits(file.source, plan.edits).toString('latin1').replaceAll(O, '$out').replaceAll(path.join(root, 'dep'), '$dep').split('[Service]\n')[1];
  return { text, problems: plan.problems.map((p) => `${p.line}:${p.column} ${p.message}`) };
}

describe('planSettingRewrites', () => {
  test.each([
    ['EnvironmentFile=-/usr/share/foo/foo.conf\n', 'EnvironmentFile=-$out/share/foo/foo.conf\n'],
    ['ExecPaths=/usr/lib/foo/plugins -/usr/libexec/foo/bin/helper\n', 'ExecPaths=$out/lib/foo/plugins -$out/libexec/foo/bin/helper\n'],
    ['ReadOnlyPaths="/usr/share/foo" +/usr/share/foo /var/lib/foo\n', 'ReadOnlyPaths="$out/share/foo" +/usr/share/foo /var/lib/foo\n'],
    ['BindReadOnlyPaths=-/usr/share/zoneinfo:/etc/zoneinfo:rbind\n', 'BindReadOnlyPaths=-$dep/share/zoneinfo:/etc/zoneinfo:rbind\n'],
    ['WorkingDirectory=-/usr/lib/foo/plugins\n', 'WorkingDirectory=-$out/lib/foo/plugins\n'],
    ['Environment=A=1 PATH=/usr/libexec/foo/bin:/run/wrappers/bin\n', 'Environment=A=1 PATH=$out/libexec/foo/bin:/run/wrappers/bin\n'],
    ['EnvironmentFile=-/etc/default/foo\nWorkingDirectory=~\n', 'EnvironmentFile=-/etc/default/foo\nWorkingDirectory=~\n'],
  ])('%j', (body, expected) => {
    const result = rewrite(body);
    expect(result.text).toBe(expected);
    expect(result.problems).toEqual([]);
  });

  test('conditions take the whole value after | and !', () => {
    expect(rewrite('ConditionPathExists=| ! /usr/share/foo/foo.conf\n').text).toBe('ConditionPathExists=| ! $out/share/foo/foo.conf\n');
  });

  test('whole-system folders, missing files and specifiers are reported or left', () => {
    const body = 'Environment=PATH=/usr/bin:/bin\nReadOnlyPaths=/usr/share\nEnvironmentFile=/usr/share/foo/missing\nReadOnlyPaths=/usr/lib/%N\nReadOnlyPaths="/usr/share/"foo\n';
    const result = rewrite(body);
    expect(result.text).toBe(body);
    expect(result.problems).toEqual([
      '4:18 Environment= names /usr/bin, which stands for every program of the system; left as it is',
      '5:15 ReadOnlyPaths= names /usr/share, which is a folder of the whole system, not of one package; left as it is',
      '6:17 EnvironmentFile= names /usr/share/foo/missing: no share/foo/missing in the outputs or dependencies; left as it is',
      '8:16 ReadOnlyPaths= names /usr/share/foo, which cannot be rewritten in place (quoting, escapes or a continuation line); left as it is',
    ]);
  });
});

describe('a unit\'s commands and settings together (planUnit)', () => {
  test('what each planner found is reported in the order of the lines, whichever planner found it', async () => {
    const { fixPaths } = await import('../../src/fix/fix.js');
    const tree = makeTree({
      'out/bin/foo': EXEC,
      'out/share/foo/foo.conf': 'x',
      'out/lib/systemd/system/foo.service': [
        '[Service]',
        'WorkingDirectory=/usr/share/foo',
        'ExecStart=/usr/bin/foo',
        'EnvironmentFile=/usr/share/foo/missing.conf',
        'ExecStop=/usr/bin/missing',
        '',
      ].join('\n'),
    });
    try {
      const report = await fixPaths({ paths: [`${tree}/out`], searchPath: [] });
      const [file] = report.files;
      expect(file!.replacements.map((r) => [r.line, r.key])).toEqual([
        [2, 'WorkingDirectory'],
        [3, 'ExecStart'],
      ]);
      expect(file!.problems.map((p) => [p.line, p.key])).toEqual([
        [4, 'EnvironmentFile'],
        [5, 'ExecStop'],
      ]);
    } finally {
      removeTree(tree);
    }
  });
});

describe('planSettingRewrites: where and what it reports', () => {
  const plan = (text: string, name = 'foo.service') => planSettingRewrites(parseUnit(Buffer.from(text, 'latin1')), classifyUnitPath(`/x/lib/systemd/system/${name}`), resolver);

  test('settings are read in the unit\'s own section and [Unit] only: a section its type does not have is left alone', () => {
    const text = '[Unit]\nConditionPathExists=/usr/share/foo/foo.conf\n[Timer]\nEnvironmentFile=/usr/share/foo/foo.conf\n[Service]\nEnvironmentFile=/usr/share/foo/foo.conf\n';
    expect(plan(text).replacements.map((r) => [r.line, r.key, r.kind])).toEqual([
      [2, 'ConditionPathExists', 'setting'],
      [6, 'EnvironmentFile', 'setting'],
    ]);
  });

  test('a problem names its setting and has the kind "setting"', () => {
    const result = plan('[Service]\nEnvironmentFile=/usr/share/foo/missing.conf\nReadOnlyPaths=/usr/share\n');
    expect(result.problems.map((p) => [p.line, p.key, p.kind])).toEqual([
      [2, 'EnvironmentFile', 'setting'],
      [3, 'ReadOnlyPaths', 'setting'],
    ]);
  });
});
