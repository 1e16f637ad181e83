import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { printSysusers } from '../../src/formats/sysusers/print.js';
import { simplifyPath } from '../../src/formats/sysusers/passwd-fields.js';

/** The diagnostics of a file (a byte string) read as systemd `version` reads it. */
const messages = (text: string, version = 258) =>
  parseSysusers(Buffer.from(text, 'latin1'), { systemdVersion: version }).diagnostics.map((d) => `${d.line} ${d.severity}: ${d.message}`);
const one = (line: string, version = 258) => messages(`${line}\n`, version);

const LONG = 'a'.repeat(255);
/** Test titles: long lines by their start and length. */
const short = (line: string) => (line.length > 80 ? `${line.slice(0, 60)}… (${line.length} bytes)` : line);
const pathOf = (n: number): string => `/${'b'.repeat(200)}`.repeat(Math.ceil(n / 201)).slice(0, n).replace(/\/$/, 'c');

describe('parseSysusers: what systemd-sysusers accepts', () => {
  test.each([
    'u plain',
    'u Upper_Case-9 - "Full Name, room 1" /var/lib/x /usr/sbin/nologin',
    `u ${'a'.repeat(31)}`,
    'u x 0',
    'u x 4294967294',
    'u x 65534',
    'u x 1000:1000',
    'u x 1000:grp',
    'u x -:1000',
    'u x /etc/x:1',
    'u x - - //srv//x/',
    'u x - - /srv/./x/.',
    'u x - "caf\xc3\xa9 #1 x\\\\y"',
    `u x - - /${LONG}`,
    `u x - - ${pathOf(4095)}`,
    `u x ${pathOf(4095)}`,
    'u! x 5',
    'g grp 0',
    'g grp /run/x',
    'm user grp',
    'r - 500',
    'r - 0-4294967294',
    'r - 5-5',
    'u a%H - - %T',
  ].map((line) => [short(line), line]))('%s', (_title, line) => {
    expect(one(line)).toEqual([]);
  });

  test('parses losslessly, whatever the diagnostics', () => {
    const text = 'u x 65535 "a\x7f" /a/../b\nr - 9-1\nu \xff\n';
    expect(printSysusers(parseSysusers(Buffer.from(text, 'latin1'))).toString('latin1')).toBe(text);
  });
});

describe('parseSysusers: each message', () => {
  test.each([
    ['u 9bad', "'9bad' is not a valid user or group name: an ASCII letter or '_', then letters, digits, '_' or '-', at most 31"],
    ...['u samba$', 'u dot.ted', 'u -dash', 'u .', 'u ..', 'u 4711', `u ${'a'.repeat(32)}`, 'u caf\xc3\xa9', 'm user 9grp', 'm user 4300'].map(
      (line) => [line, /is not a valid user or group name/] as const,
    ),
    ['u x 65535', "'65535' is not a UID: decimal with no sign, leading zero or space, below 4294967295 and not 65535"],
    ...['u x 4294967295', 'u x 4294967296', 'u x 007', 'u x +5', 'u x -5', 'u x " 5"', 'u x abc', 'u x rel/path', 'u x :5'].map((line) => [line, /is not a UID/] as const),
    ['u x 5:9grp', "'5:9grp': '9grp' after ':' is neither a GID nor a valid group name"],
    ...['u x 5:', 'u x 5:-', 'u x 5:5:5', 'u x 5:/etc'].map((line) => [line, /after ':' is neither a GID nor a valid group name/] as const),
    ['g grp 5:5', "'5:5' is not a GID: decimal with no sign, leading zero or space, below 4294967295 and not 65535"],
    ...['g grp 65535', 'g grp abc', 'g grp -5'].map((line) => [line, /is not a GID/] as const),
    ['r - 9-1', "ID range '9-1' ends before it starts"],
    ['r - 0-65535', "'0-65535' is not an ID range: 'LOW-HIGH' or one ID, decimal with no sign, leading zero or space, below 4294967295 and not 65535"],
    ...['r - 65535', 'r - 500-', 'r - -500', 'r - 5-6-7', 'r - 05-6', 'r - +5-6', 'r - abc', 'r - /etc', 'r - " 5-6"', 'r - 0-4294967295'].map(
      (line) => [line, /is not an ID range/] as const,
    ),
    [`u x ${pathOf(4096)}`, 'the ID column is longer than 4095 bytes'],
    [`g x ${pathOf(4096)}`, 'the ID column is longer than 4095 bytes'],
    [`r - 1-${'0'.repeat(4094)}`, 'the ID column is longer than 4095 bytes'],
    ['u x - "a:b"', "GECOS field 'a:b' has a ':', the /etc/passwd field separator"],
    ['u x - "a\tb"', 'GECOS field has a control character (0x09)'],
    ['u x - "a\x7fb"', 'GECOS field has a control character (0x7f)'],
    ['u x - "caf\xe9"', 'GECOS field is not valid UTF-8'],
    ['u x - "\xef\xbf\xbe"', 'GECOS field is not valid UTF-8'],
    ['u x - - relative', "home directory 'relative' is not an absolute path"],
    ['u x - - /srv/../x', "home directory '/srv/../x' has a '..' component"],
    ['u x - - /srv/..', "home directory '/srv/..' has a '..' component"],
    ['u x - - /a:b', "home directory '/a:b' has a ':', the /etc/passwd field separator"],
    ['u x - - "/a\x01"', 'home directory has a control character (0x01)'],
    ['u x - - "/caf\xe9"', 'home directory is not valid UTF-8'],
    [`u x - - /${LONG}b`, 'home directory has a path component longer than 255 bytes'],
    [`u x - - ${pathOf(4096)}`, 'home directory is longer than 4095 bytes'],
    ['u x - - / .', "login shell '.' is not an absolute path"],
    ['u x - - / /bin/../sh', "login shell '/bin/../sh' has a '..' component"],
    ['u x - - / //', "login shell '//' is the root directory"],
    ['r named 1-2', "'r' lines take no name"],
    ['r -', "'r' lines need an ID range"],
    ['r - 1-2 x', "'r' lines take no GECOS"],
    ['r - 1-2 - /x', "'r' lines take no home directory"],
    ['r - 1-2 - - /bin/sh', "'r' lines take no login shell"],
    ['m - grp', "'m' lines need a user name"],
    ['m user', "'m' lines need a group name"],
    ['m user grp x', "'m' lines take no GECOS"],
    ['g -', "'g' lines need a group name"],
    ['g grp - x', "'g' lines take no GECOS"],
    ['u -', "'u' lines need a user name"],
    ['x what', "unknown line type 'x'"],
    ['"" what', "unknown line type ''"],
    ['uu x', "unknown modifier 'u'"],
    ['u!! x', "unknown modifier '!!'"],
    ['g! grp', "the '!' modifier is only for 'u' lines"],
    ['m! user grp', "the '!' modifier is only for 'u' lines"],
    ['r! - 1-2', "the '!' modifier is only for 'u' lines"],
    ['u', 'a line needs at least a type and a name column'],
    ['u x - - - - more', 'text after the sixth column'],
  ].map(([line, expected]) => [short(line), line, expected] as const))('%s', (_title, line, expected) => {
    const got = one(line);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^1 error: /);
    if (typeof expected === 'string') expect(got[0]).toBe(`1 error: ${expected}`);
    else expect(got[0]).toMatch(expected);
  });

  test('checks in systemd order: name, GECOS, home, shell, then the columns the type takes, then the ID', () => {
    expect(one('u 9 65535 "a:b" rel rel')).toEqual([expect.stringMatching(/'9' is not a valid user or group name/)]);
    expect(one(`u x ${pathOf(4096)} "a:b" rel rel`)).toEqual([expect.stringMatching(/ID column is longer/)]);
    expect(one('u x 65535 "a:b" rel rel')).toEqual([expect.stringMatching(/GECOS/)]);
    expect(one('u x 65535 - rel rel')).toEqual([expect.stringMatching(/home directory 'rel'/)]);
    expect(one('u x 65535 - / rel')).toEqual([expect.stringMatching(/login shell 'rel'/)]);
    expect(one('r - 9-1 x')).toEqual([expect.stringMatching(/take no GECOS/)]);
    expect(one('g grp abc x')).toEqual([expect.stringMatching(/take no GECOS/)]);
  });

  test('a value with a system specifier is not judged: it becomes what the system makes of it', () => {
    expect(one('u a%H %T "%m:%o" %w/.. %V')).toEqual([]);
  });

  test("an unknown specifier fails the line in any column; '%%' is '%' and a final '%' stays, then the value is judged", () => {
    const known = '%a %A %b %B %H %l %q %m %M %o %v %w %W %T %V %%';
    expect(one('u a%x')).toEqual([`1 error: unknown specifier '%x': sysusers knows ${known}`]);
    for (const line of ['u a %u', 'u a - "%n"', 'u a - - /%h', 'u a - - / /%s', 'r - %j', 'm a %g', 'u a - - /%%%y']) {
      expect(one(line)).toEqual([expect.stringMatching(/unknown specifier/)]);
    }
    expect(one('u 9%x')).toEqual([expect.stringMatching(/unknown specifier '%x'/)]);
    expect(one('u a%%')).toEqual([expect.stringMatching(/'a%' is not a valid user or group name/)]);
    expect(one('u a%')).toEqual([expect.stringMatching(/'a%' is not a valid user or group name/)]);
    expect(one('u a 6553%%')).toEqual([expect.stringMatching(/'6553%' is not a UID/)]);
    expect(one('u a - "100%%" /x%%y')).toEqual([]);
    expect(one('u a - - /x/%%/..')).toEqual([expect.stringMatching(/home directory '\/x\/%\/..' has a '..' component/)]);
  });

  test('each bad line is its own error; the good ones stay entries', () => {
    const file = parseSysusers(Buffer.from('u ok\nu x 65535\nr - 9-1\ng grp\n'));
    expect(file.diagnostics.map((d) => d.line)).toEqual([2, 3]);
    expect(file.entries.map((e) => e.name?.value ?? e.id?.value)).toEqual(['ok', 'grp']);
  });
});

describe('parseSysusers: systemd versions', () => {
  test("'u!' (a locked account) is read since 257", () => {
    expect(one('u! x', 252)).toEqual(["1 error: unknown modifier '!'"]);
    expect(one('u! x', 257)).toEqual([]);
    expect(one('g! x', 252)).toEqual(["1 error: unknown modifier '!'"]);
  });

  test("the login shell '/' is refused since 257 ('shells may not be dirs')", () => {
    expect(one('u x - - / /', 252)).toEqual([]);
    expect(one('u x - - / /', 256)).toEqual([]);
    expect(one('u x - - / /', 257)).toEqual(["1 error: login shell '/' is the root directory"]);
    expect(one('u x - - /', 257)).toEqual([]);
  });
});

describe('simplifyPath (path_simplify)', () => {
  test.each([
    ['/', '/'],
    ['//', '/'],
    ['/./', '/'],
    ['//srv//x/', '/srv/x'],
    ['/srv/./x/.', '/srv/x'],
    ['/srv/../x/', '/srv/../x'],
    ['a//b/', 'a/b'],
  ])('%s → %s', (path, simplified) => {
    expect(simplifyPath(path)).toBe(simplified);
  });
});
