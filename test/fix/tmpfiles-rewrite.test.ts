import path from 'node:path';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { planTmpfilesRewrites } from '../../src/fix/plans/tmpfiles.js';
import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { planSysusersRewrites } from '../../src/fix/plans/sysusers.js';
import { Resolver } from '../../src/resolve/resolver.js';
import { applyEdits } from '../../src/text/edit.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

let root: string;
let resolver: Resolver;
beforeAll(() => {
  root = makeTree({
    'out/lib/os-release': 'ID=bocaditos\n',
    'out/share/factory/etc/pam.d/login': 'auth required pam_unix.so\n',
    'out/share/factory/etc/issue': 'Welcome\n',
    'osrel/lib/os-release': 'ID=other\n',
    'zone/share/zoneinfo/UTC': 'TZif',
    'shadow/bin/nologin': EXEC,
    'bash/bin/bash': EXEC,
  });
  resolver = new Resolver({
    outputs: [path.join(root, 'out')],
    searchPath: [path.join(root, 'shadow/bin'), path.join(root, 'bash/bin')],
    dependencies: [path.join(root, 'zone')],
    storeDir: '/nix/store',
  });
});
afterAll(() => removeTree(root));

function fixTmpfiles(text: string) {
  const plan = planTmpfilesRewrites(parseTmpfiles(Buffer.from(text)), resolver);
  return {
    text: applyEdits(Buffer.from(text), plan.edits).toString().replaceAll(root, 'R'),
    problems: plan.problems.map((p) => `${p.line}:${p.column} ${p.message}`.replaceAll(root, 'R')),
  };
}

describe('planTmpfilesRewrites', () => {
  test('each problem has the kind a lint rule tells it by: path, target or implicit-source', () => {
    const text = 'd /usr/lib/foo 0755 - - -\nL /etc/a - - - - /usr/lib/missing\nL /etc/b - - - - /usr/lib/o\\x73-release\nC /etc/nothing\n';
    const plan = planTmpfilesRewrites(parseTmpfiles(Buffer.from(text)), resolver);
    expect(plan.problems.map((p) => [p.line, p.kind])).toEqual([
      [1, 'path'],
      [2, 'target'],
      [3, 'target'],
      [4, 'implicit-source'],
    ]);
  });

  test("an implicit source written out is reported as the factory path it stands for, also on a last line without a newline", () => {
    // The argument written as '-', at the very end of the file: replaced, not pushed aside.
    const text = 'C /etc/issue - - - - -';
    const plan = planTmpfilesRewrites(parseTmpfiles(Buffer.from(text)), resolver);
    expect(applyEdits(Buffer.from(text), plan.edits).toString().replaceAll(root, 'R')).toBe('C /etc/issue - - - - R/out/share/factory/etc/issue');
    expect(plan.replacements.map((r) => [r.key, r.kind, r.from])).toEqual([['argument', 'implicit-source', '(/usr/share/factory/etc/issue)']]);
    const bare = planTmpfilesRewrites(parseTmpfiles(Buffer.from('C /etc/issue\n')), resolver);
    expect(bare.replacements.map((r) => [r.key, r.kind, r.from])).toEqual([['argument', 'implicit-source', '(/usr/share/factory/etc/issue)']]);
  });

  test('a target outside /usr is not looked at, however it is written', () => {
    const text = 'L /etc/a - - - - /etc/x\\x20y\nL /etc/b - - - - ../run/%N\n';
    expect(fixTmpfiles(text)).toEqual({ text, problems: [] });
  });

  test('the os-release link of Bocaditos: a relative target into /usr becomes the store path', () => {
    expect(fixTmpfiles('L /etc/os-release - - - - ../usr/lib/os-release\n').text).toBe('L /etc/os-release - - - - R/out/lib/os-release\n');
  });

  test('absolute targets, and dependencies after the outputs', () => {
    expect(fixTmpfiles('L+ /etc/localtime - - - - /usr/share/zoneinfo/UTC\n').text).toBe('L+ /etc/localtime - - - - R/zone/share/zoneinfo/UTC\n');
  });

  test('C and L without an argument get their /usr/share/factory source written out', () => {
    expect(fixTmpfiles('C /etc/pam.d/login\nC+ /etc/issue 0644 root root\nL /etc/issue - - - -\n').text).toBe(
      [
        'C /etc/pam.d/login - - - - R/out/share/factory/etc/pam.d/login',
        'C+ /etc/issue 0644 root root - R/out/share/factory/etc/issue',
        'L /etc/issue - - - - R/out/share/factory/etc/issue',
        '',
      ].join('\n'),
    );
  });

  test('what exists nowhere, or cannot be rewritten with certainty, is left and reported', () => {
    const text = 'L /etc/x - - - - /usr/lib/missing\nC /etc/nothing\nL /etc/y - - - - /usr/lib/os\\x2drelease\nd /usr/lib/foo 0755\nL /etc/z - - - - /etc/elsewhere\n';
    const result = fixTmpfiles(text);
    expect(result.text).toBe(text);
    expect(result.problems).toEqual([
      '1:18 /usr/lib/missing (/usr/lib/missing) is in no output or dependency; left as it is',
      "2:1 'C' without an argument uses /usr/share/factory/etc/nothing, which no output or dependency ships; left as it is",
      '3:18 /usr/lib/os-release points into /usr but is written with escapes or specifiers; left as it is',
      "4:3 'd' creates /usr/lib/foo under /usr, which a hermetic-/usr system does not have",
    ]);
  });

  test('a second run changes nothing', () => {
    const once = fixTmpfiles('L /etc/os-release - - - - ../usr/lib/os-release\nC /etc/pam.d/login\n').text.replaceAll('R/', `${root}/`);
    expect(fixTmpfiles(once).text.replaceAll('R/', `${root}/`)).toBe(once);
  });
});

describe('planSysusersRewrites', () => {
  test('shells resolve like commands; homes under /usr are reported', () => {
    const text = 'u foo - "Foo" /var/lib/foo /usr/sbin/nologin\nu bar - - /usr/share/bar /bin/bash\nu baz - - - /bin/zsh\ng grp -\n';
    const plan = planSysusersRewrites(parseSysusers(Buffer.from(text)), resolver);
    expect(applyEdits(Buffer.from(text), plan.edits).toString().replaceAll(root, 'R')).toBe(
      'u foo - "Foo" /var/lib/foo R/shadow/bin/nologin\nu bar - - /usr/share/bar R/bash/bin/bash\nu baz - - - /bin/zsh\ng grp -\n',
    );
    expect(plan.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:11 home /usr/share/bar is under /usr, which a hermetic-/usr system does not have',
      '3:13 cannot resolve shell /bin/zsh: no executable bin/zsh in the outputs, the search path or the dependencies; left as it is',
    ]);
  });

  test('a shell made with a specifier is left without a word; a quoted or escaped one is reported', () => {
    const text = 'u foo - - - /usr/sbin/%u-shell\nu bar - - - "/bin/bash"\nu baz - - - /bin/ba\\sh\n';
    const plan = planSysusersRewrites(parseSysusers(Buffer.from(text)), resolver);
    expect(plan.edits).toEqual([]);
    expect(plan.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:13 shell /bin/bash is quoted or escaped; left as it is',
      '3:13 shell /bin/bash is quoted or escaped; left as it is',
    ]);
  });
});

test("a '-' argument is replaced by the explicit factory source, not pushed aside", () => {
  expect(fixTmpfiles('C /etc/issue - - - - -\nC /etc/pam.d/login - - - -   -  \n').text).toBe(
    'C /etc/issue - - - - R/out/share/factory/etc/issue\nC /etc/pam.d/login - - - -   R/out/share/factory/etc/pam.d/login  \n',
  );
});
