import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { printTmpfiles } from '../../src/formats/tmpfiles/print.js';
import type { TmpfilesEntry } from '../../src/formats/tmpfiles/model.js';

const parse = (text: string) => parseTmpfiles(Buffer.from(text, 'latin1'));

function fields(e: TmpfilesEntry) {
  return [e.letter, e.modifiers, e.path.value, e.mode?.value ?? null, e.user?.value ?? null, e.group?.value ?? null, e.age?.value ?? null, e.argument?.value ?? null];
}

describe('parseTmpfiles', () => {
  test('columns, defaults and the argument as the rest of the line', () => {
    const file = parse('# comment\n\nd /run/foo 0755 root root 10d\nL+ /etc/os-release - - - - ../usr/lib/os-release\nf /etc/motd - - - - Hello   world  \n');
    expect(file.entries.map(fields)).toEqual([
      ['d', '', '/run/foo', '0755', 'root', 'root', '10d', null],
      ['L', '+', '/etc/os-release', null, null, null, null, '../usr/lib/os-release'],
      ['f', '', '/etc/motd', null, null, null, null, 'Hello   world'],
    ]);
    expect(file.nodes.map((n) => n.type)).toEqual(['comment', 'blank', 'entry', 'entry', 'entry']);
  });

  test('trailing columns may be left out', () => {
    expect(parse('d /run/x\n').entries.map(fields)).toEqual([['d', '', '/run/x', null, null, null, null, null]]);
  });

  test('quotes group a column; the argument keeps quotes and is C-unescaped for C, L, f, F, w only', () => {
    const file = parse('f "/run/a b" - - - - "x\\ty"\nd /run/c - - - - "x\\ty"\n');
    expect(file.entries.map((e) => [e.path.value, e.argument?.raw, e.argument?.value])).toEqual([
      ['/run/a b', '"x\\ty"', '"x\ty"'],
      ['/run/c', '"x\\ty"', '"x\\ty"'],
    ]);
  });

  test('modifiers are read after the letter', () => {
    expect(parse('L!+-= /a - - - - /b\n').entries.map((e) => [e.letter, e.modifiers])).toEqual([['L', '!+-=']]);
  });

  test.each([
    ['Q\n', /type and a path/],
    ['bad line\n', /modifier 'a'/],
    ['k /x\n', /unknown line type 'k'/],
    ['d relative\n', /not absolute/],
    ['L~ /a - - - - x\n', /base64/],
    ['w /a\n', /need an argument/],
    ['c /dev/x - - - - nonsense\n', /device number/],
    ['C /a - - - - relative\n', /copy source/],
    ['f /a - - - - bad\\q\n', /invalid escape/],
    ['d "/unbalanced\n', /unbalanced/],
    ['d /a\\\n', /trailing backslash/],
    ['dd /a\n', /modifier 'd'/],
    ['L++ /a - - - - /b\n', /repeated modifier/],
  ])('%j is refused', (text, message) => {
    const file = parse(text);
    expect(file.entries).toEqual([]);
    expect(file.diagnostics.map((d) => d.severity)).toEqual(['error']);
    expect(file.diagnostics[0]!.message).toMatch(message);
  });

  describe('Mode, User, Group and Age as systemd-tmpfiles reads them', () => {
    const accounts = { users: new Set(['svc']), groups: new Set(['svcgroup']) };
    const messages = (text: string, version = 258, known?: typeof accounts) =>
      parseTmpfiles(Buffer.from(text, 'latin1'), { systemdVersion: version }, known).diagnostics.map((d) => `${d.severity}: ${d.message}`);

    test.each([
      ['d /a 9999\n', "error: invalid mode '9999': not an octal mode from 0 to 07777"],
      ['d /a 010000\n', "error: invalid mode '010000': not an octal mode from 0 to 07777"],
      ['d /a ~\n', "error: invalid mode '~': not an octal mode from 0 to 07777"],
      ['d /a +755\n', "error: invalid mode '+755': not an octal mode from 0 to 07777"],
      ['d /a - - - 10x\n', "error: invalid age '10x': not a time span like 10d or 1h 5min"],
      ['d /a - - - ~\n', "error: invalid age '~': not a time span like 10d or 1h 5min"],
      ['d /a - - - ~x:1h\n', "error: invalid age-by 'x' in age '~x:1h': only a, b, c, m (files) and A, B, C, M (directories) may stand before ':'"],
      ['d /a - : -\n', "error: empty user name after ':'"],
      ['d /a - - root:\n', "error: group 'root:' cannot exist: a group name has no ':'"],
      ['d /a - 65535 -\n', "warning: user '65535' is looked up as a name: a numeric id has no sign, leading zero or space and is not 65535 or 4294967295"],
      ['d /a - - 007\n', "warning: group '007' is looked up as a name: a numeric id has no sign, leading zero or space and is not 65535 or 4294967295"],
    ])('%j: %s', (text, message) => {
      expect(messages(text)).toEqual([message]);
    });

    test('valid columns pass: prefixes, ids, root, any name when the accounts are unknown, time spans', () => {
      expect(messages('d /a ~:0755 :0 :4294967294 ~aA:1h\nd /b " 0700" svc nobody "1h 5min"\nL /c - - - 1d /t\nd /d 07777 - - infinity\n')).toEqual([]);
    });

    test('with the accounts known, a name must be among them (root always is); ids need not be', () => {
      expect(messages('d /a - svc svcgroup\nd /b - root root\nd /c - 1000 1000\n', 258, accounts)).toEqual([]);
      expect(messages('d /a - nobody -\n', 258, accounts)).toEqual(["error: unknown user 'nobody': not a numeric id and not a user of the system"]);
      expect(messages('d /a - - svc\n', 258, accounts)).toEqual(["error: unknown group 'svc': not a numeric id and not a group of the system"]);
      expect(messages('d /a - 65535 -\n', 258, accounts)).toEqual(["error: unknown user '65535': not a numeric id and not a user of the system"]);
    });

    test("user, group and mode are checked in systemd's order: the first wrong one is the message", () => {
      expect(messages('d /a 9999 : nogroup 10x\n', 258, accounts)).toEqual(["error: empty user name after ':'"]);
      expect(messages('d /a 9999 svc nogroup 10x\n', 258, accounts)).toEqual(["error: unknown group 'nogroup': not a numeric id and not a group of the system"]);
      expect(messages('d /a 9999 - - 10x\n')).toEqual(["error: invalid mode '9999': not an octal mode from 0 to 07777"]);
    });

    test("':' before mode, user and group is read since 252, an age-by since 249", () => {
      expect(messages('d /a :0644 :svc :svcgroup a:1h\n', 252, accounts)).toEqual([]);
      expect(messages('d /a :0644\n', 251)).toEqual(["error: invalid mode ':0644': not an octal mode from 0 to 07777 (':' before a mode is read since systemd 252)"]);
      expect(messages('d /a ~~0644\n', 251)).toEqual(["error: invalid mode '~~0644': not an octal mode from 0 to 07777"]);
      expect(messages('d /a ~0644\n', 251)).toEqual([]);
      expect(messages('d /a - :svc\n', 251, accounts)).toEqual(["error: user ':svc' cannot exist: a user name has no ':'"]);
      expect(messages('d /a - - - a:1h\n', 248)).toEqual(["error: invalid age 'a:1h': not a time span like 10d or 1h 5min (an age-by before ':' is read since systemd 249)"]);
      expect(messages('d /a - - - a:1h\n', 249)).toEqual([]);
    });
  });

  test('warnings for arguments that are ignored and for /var/run', () => {
    expect(parse('d /var/run/x - - - - ignored\n').diagnostics.map((d) => d.message)).toEqual([
      "'d' lines take no argument; it is ignored",
      "'/var/run/x' is read as /run/x",
    ]);
  });

  test('prints back byte for byte, whatever the bytes', () => {
    for (const text of ['', 'd /a', '\r\n\r\n', 'L /a - - - - \xff\xfe\n', '  # c\n\0d /x\r', 'bad\n"unbalanced\n']) {
      const bytes = Buffer.from(text, 'latin1');
      expect(printTmpfiles(parseTmpfiles(bytes)).equals(bytes)).toBe(true);
    }
  });
});
