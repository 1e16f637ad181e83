import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { extractWord } from '../../src/text/extract-word.js';

function argvs(value: string) {
  const parsed = parseCommandLines(value);
  expect(parsed.error).toBeUndefined();
  return parsed.commands.map((c) => ({
    prefixes: c.prefixText,
    path: c.path,
    argv0: c.argv0?.value,
    args: c.args.map((a) => a.value),
  }));
}

describe('parseCommandLines', () => {
  test('plain command with arguments', () => {
    expect(argvs('/usr/bin/foo -a --b=c')).toEqual([{ prefixes: '', path: '/usr/bin/foo', argv0: undefined, args: ['-a', '--b=c'] }]);
  });

  // Spelled out here, not taken from the source: a prefix flag that is wrongly set must show.
  const FLAGS = ['ignoreFailure', 'separateArgv0', 'noEnvironmentExpansion', 'fullPrivileges', 'noSetuid', 'ambientMagic', 'viaShell'];
  const NONE = Object.fromEntries(FLAGS.map((flag) => [flag, false]));

  test.each([
    ['', {}],
    ['-', { ignoreFailure: true }],
    ['@', { separateArgv0: true }],
    [':', { noEnvironmentExpansion: true }],
    ['+', { fullPrivileges: true }],
    ['!', { noSetuid: true }],
    ['!!', { ambientMagic: true, noSetuid: false }],
    ['|', { viaShell: true }],
    ['-@:+', { ignoreFailure: true, separateArgv0: true, noEnvironmentExpansion: true, fullPrivileges: true }],
    ['+-', { ignoreFailure: true, fullPrivileges: true }],
    [':!!-', { ignoreFailure: true, ambientMagic: true, noEnvironmentExpansion: true }],
  ])('prefixes %s', (prefix, flags) => {
    const value = prefix.includes('@') ? `${prefix}/bin/x argv0 a` : `${prefix}/bin/x a`;
    const [command] = parseCommandLines(value).commands;
    expect(command!.prefixText).toBe(prefix);
    expect(command!.path).toBe('/bin/x');
    expect(command!.prefixes).toEqual({ ...NONE, ...flags });
  });

  test('a repeated prefix ends the prefixes and leaves an invalid path', () => {
    expect(parseCommandLines('--/bin/x').error?.message).toMatch(/neither an absolute path/);
    expect(parseCommandLines('+!/bin/x').error?.message).toMatch(/neither an absolute path/);
  });

  test("'@' takes the next word as argv[0]", () => {
    expect(argvs('@/bin/busybox sh -c true')).toEqual([{ prefixes: '@', path: '/bin/busybox', argv0: 'sh', args: ['-c', 'true'] }]);
  });

  test('quotes wrap words, also around prefixes; C escapes are decoded', () => {
    expect(argvs(`"-/usr/bin/my prog" 'a b' "c\\"d" e\\x41\\u00e9`)).toEqual([
      { prefixes: '-', path: '/usr/bin/my prog', argv0: undefined, args: ['a b', 'c"d', `eA${Buffer.from('é').toString('latin1')}`] },
    ]);
  });

  test('a lone ; separates commands, \\; is a literal argument, "a;b" is a word', () => {
    expect(argvs('/bin/a x \\; ; -/bin/b "a;b";c ;')).toEqual([
      { prefixes: '', path: '/bin/a', argv0: undefined, args: ['x', ';'] },
      { prefixes: '-', path: '/bin/b', argv0: undefined, args: ['a;b;c'] },
    ]);
  });

  test("only a whole word ';' or '\\;' is special: ';y', 'x;' and escapes are arguments", () => {
    expect(argvs('/bin/a ;y x; \\x41b')).toEqual([{ prefixes: '', path: '/bin/a', argv0: undefined, args: [';y', 'x;', 'Ab'] }]);
  });

  test("'\\;' is a word of its own: its two bytes spell the ';', and the command ends after them", () => {
    const [command] = parseCommandLines('/bin/a x \\;').commands;
    expect(command!.args[1]).toEqual({ start: 9, end: 11, value: ';', origins: [9], originEnds: [11], quotes: [0], plain: false });
    expect(command!.end).toBe(11);
  });

  test('a bad argument rejects the value; the commands before it are kept', () => {
    expect(parseCommandLines('/bin/a "b')).toEqual({ commands: [], error: { message: 'unbalanced " quote', offset: 7 } });
    const parsed = parseCommandLines('/bin/ok ; /bin/a x "b');
    expect(parsed.commands.map((c) => c.path)).toEqual(['/bin/ok']);
    expect(parsed.error).toEqual({ message: 'unbalanced " quote', offset: 19 });
  });

  test('specifiers and variables stay as written', () => {
    expect(argvs('/usr/lib/%N/helper %i ${FOO} $BAR $$')[0]!.args).toEqual(['%i', '${FOO}', '$BAR', '$$']);
  });

  test('a bare name is a command (v239+)', () => {
    expect(argvs('sleep 1')[0]!.path).toBe('sleep');
  });

  test('errors carry the offset of the offending word', () => {
    expect(parseCommandLines('/bin/ok ; "/bin/unbalanced').error).toEqual({ message: 'unbalanced " quote', offset: 10 });
    expect(parseCommandLines('@/bin/x').error?.message).toMatch(/argv\[0\]/);
    expect(parseCommandLines('-').error?.message).toMatch(/empty executable/);
  });

  test('unknown escapes are kept verbatim with a warning, as systemd does', () => {
    const result = extractWord('a\\qb', 0);
    expect(result && 'word' in result && result.word.value).toBe('a\\qb');
    expect(result && 'word' in result && result.word.warning).toMatch(/unknown escape/);
  });
});

describe('extractWord spans', () => {
  test('each value byte knows where it came from', () => {
    const result = extractWord('  "ab"\\x43d  next', 0);
    if (!result || 'error' in result) throw new Error('expected a word');
    expect(result.word.start).toBe(2);
    expect(result.word.end).toBe(11);
    expect(result.word.value).toBe('abCd');
    expect(result.word.origins).toEqual([3, 4, 6, 10]);
    expect(result.word.originEnds).toEqual([4, 5, 10, 11]);
    expect(result.word.quotes).toEqual([34, 34, 0, 0]);
    expect(result.next).toBe(13);
  });
});
