import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { commandPathSites, isPackagePath } from '../../src/formats/unit/command-paths.js';

/** The sites and notes of the one command in `value`, its executable as the program. */
function found(value: string) {
  const parsed = parseCommandLines(value);
  expect(parsed.error).toBeUndefined();
  const command = parsed.commands[0]!;
  const { sites, notes } = commandPathSites(command, command.path, -1);
  return {
    sites: sites.map((s) => ({ word: s.word.value, from: s.from, to: s.to, path: s.path, as: s.as, kind: s.kind })),
    notes: notes.map((n) => ({ word: n.word.value, at: n.at, kind: n.kind, message: n.message })),
  };
}

const arg = (word: string, from = 0) => ({ word, from, to: word.length, path: word.slice(from), as: 'file', kind: 'argument' });
const inScript = (script: string, path: string, as: 'program' | 'file') => {
  const from = script.indexOf(path);
  return { word: script, from, to: from + path.length, path, as, kind: 'shell' };
};
const SCRIPT = '/usr/bin/foo';

describe('which word is the script: sh and bash read options up to -c SCRIPT (checked against bash and dash)', () => {
  test.each([
    ['/bin/sh -c /usr/bin/foo', 'sh'],
    ['/bin/dash -c /usr/bin/foo', 'dash'],
    ['/bin/bash -c /usr/bin/foo', 'bash'],
    ['/bin/sh -c -- /usr/bin/foo', "'--' ends the options"],
    ['/bin/sh -c - /usr/bin/foo', "a lone '-' ends the options too"],
    ['/bin/sh -o errexit -c /usr/bin/foo', '-o takes a value'],
    ['/bin/sh +o errexit -c /usr/bin/foo', '+o takes a value'],
    ['/bin/bash -O extglob -c /usr/bin/foo', '-O takes a value'],
    ['/bin/bash +O extglob -c /usr/bin/foo', '+O takes a value'],
    ['/bin/bash --rcfile /etc/rc -c /usr/bin/foo', '--rcfile takes a value'],
    ['/bin/bash --init-file /etc/rc -c /usr/bin/foo', '--init-file takes a value'],
    ['/bin/bash --norc -c /usr/bin/foo', 'a long option without a value'],
    ['/bin/sh -ec /usr/bin/foo', 'c among other letters'],
    ['/bin/sh -e -c /usr/bin/foo arg0', 'the words after the script are $0, $1, …'],
  ])('%s (%s): the script runs the program', (value) => {
    expect(found(value)).toEqual({ sites: [inScript(SCRIPT, SCRIPT, 'program')], notes: [] });
  });

  test('a script word that ends like an option (-parts) is still the script', () => {
    expect(found('/bin/sh -c /usr/bin/run-parts').sites).toEqual([inScript('/usr/bin/run-parts', '/usr/bin/run-parts', 'program')]);
  });

  test.each([
    ['/bin/sh /usr/share/foo/run.sh', 'no -c: the word is a script file'],
    ['/bin/sh -e /usr/share/foo/run.sh', 'an option without c'],
    ['/bin/sh +c /usr/share/foo/run.sh', "'+c' turns -c off rather than on"],
    ['/bin/sh -e -- /usr/share/foo/run.sh', "'--' without -c"],
  ])('%s (%s): an argument, not a script', (value) => {
    expect(found(value)).toEqual({ sites: [arg('/usr/share/foo/run.sh')], notes: [] });
  });

  test('options only, no script: nothing found, nothing thrown', () => {
    expect(found('/bin/sh -e')).toEqual({ sites: [], notes: [] });
    expect(found('/bin/sh -c')).toEqual({ sites: [], notes: [] });
  });

  test("'-c --' makes the word after '--' the script, not '--' or -c", () => {
    expect(found('/bin/sh -c -- "/usr/bin/foo /usr/share/foo/x" x')).toEqual({
      sites: [inScript('/usr/bin/foo /usr/share/foo/x', SCRIPT, 'program'), inScript('/usr/bin/foo /usr/share/foo/x', '/usr/share/foo/x', 'file')],
      notes: [],
    });
  });
});

describe('paths in a script', () => {
  test("after '--' even a word starting with '--' is the script (bash and dash run '--help', then the rest)", () => {
    const script = '--help; /usr/bin/foo';
    expect(found(`/bin/sh -c -- "${script}"`).sites).toEqual([inScript(script, SCRIPT, 'program')]);
  });

  test('a redirection target is a file the script names', () => {
    const script = 'exec /usr/bin/foo > /usr/share/foo/log';
    expect(found(`/bin/sh -c "${script}"`).sites).toEqual([inScript(script, SCRIPT, 'program'), inScript(script, '/usr/share/foo/log', 'file')]);
  });

  test('--opt=PATH in a script: the value is the path; a command word is never split at =', () => {
    const script = 'foo --data=/usr/share/foo/x';
    expect(found(`/bin/sh -c "${script}"`).sites).toEqual([{ ...inScript(script, '/usr/share/foo/x', 'file') }]);
    expect(found('/bin/sh -c "true; --x=/usr/bin/foo"').sites).toEqual([]);
  });

  test.each([
    ['an assignment before the program', '/bin/sh', 'FOO=/usr/share/foo/x bar', 0],
    ['a bash here-string, which is text', '/bin/bash', 'cat <<< /usr/share/foo/x', 8],
  ])('not a path word: %s (%s -c "%s")', (_why, shell, script, at) => {
    const message = '/usr/share/foo/x in the shell script is not a whole word the shell reads as a path; left as it is';
    expect(found(`${shell} -c "${script}"`)).toEqual({ sites: [], notes: [{ word: script, at, kind: 'shell', message }] });
  });

  test('process substitution is read in bash scripts only (sh has no <(...))', () => {
    const script = 'diff <(/usr/bin/foo) x';
    expect(found(`/bin/bash -c "${script}"`).sites).toEqual([inScript(script, SCRIPT, 'program')]);
    expect(found(`/bin/sh -c "${script}"`)).toEqual({
      sites: [],
      notes: [{ word: script, at: 5, kind: 'shell', message: 'the shell script is not read (process substitution is bash syntax); paths in it are not rewritten' }],
    });
  });

  test("systemd turns $$ into $ before the shell runs, unless the ':' prefix turns expansion off", () => {
    const script = 'echo $$(/usr/bin/foo)';
    expect(found(`/bin/sh -c "${script}"`).sites).toEqual([inScript(script, SCRIPT, 'program')]);
    expect(found(`:/bin/sh -c "${script}"`).sites).toEqual([]);
  });

  test('an unreadable script is noted at a byte inside it; one with no FHS path is not noted at all', () => {
    const script = '/usr/bin/foo >';
    expect(found(`/bin/sh -c "${script}"`).notes).toEqual([
      { word: script, at: script.length - 1, kind: 'shell', message: 'the shell script is not read (a redirection without its file); paths in it are not rewritten' },
    ]);
    expect(found('/bin/sh -c "echo >"')).toEqual({ sites: [], notes: [] });
  });
});

describe('paths in plain arguments', () => {
  test.each([
    ['/usr/bin/foo /usr/share/foo/x', [arg('/usr/share/foo/x')]],
    ['/usr/bin/foo --data=/usr/share/foo/x', [arg('--data=/usr/share/foo/x', 7)]],
    ['/usr/bin/foo -d=/usr/share/foo/x', [arg('-d=/usr/share/foo/x', 3)]],
    ['/usr/bin/foo abc/usr/share/foo/x-o=', []],
    ['/usr/bin/foo /usr/share /usr/lib/ /usr/share//', []],
  ])('%s', (value, sites) => {
    expect(found(value)).toEqual({ sites, notes: [] });
  });

  test('a path with specifiers, variables or spaces in it is noted as an argument', () => {
    expect(found('/usr/bin/foo /usr/share/%N/x "/usr/share/foo/a b"').notes).toEqual([
      { word: '/usr/share/%N/x', at: 0, kind: 'argument', message: 'argument /usr/share/%N/x contains specifiers or variables; left as it is' },
      { word: '/usr/share/foo/a b', at: 0, kind: 'argument', message: 'argument /usr/share/foo/a is part of a longer text; left as it is' },
    ]);
  });

  test('a root folder alone, even with trailing slashes, is the whole system, not a package file', () => {
    expect(['/usr/share//', '/usr/lib///', '/usr/share/foo//'].map(isPackagePath)).toEqual([false, false, true]);
  });
});
