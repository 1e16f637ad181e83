import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simplifyPath } from '../../src/formats/sysusers/passwd-fields.js';
import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { expandSpecifiers } from '../../src/formats/sysusers/specifiers.js';
import { describeIfTool } from '../helpers/tools.js';
import { installedDialect } from '../helpers/systemd-version.js';

/**
 * Agreement with the installed systemd-sysusers: each crafted line is applied
 * alone with --root to a fresh folder. Lines it rejects we reject; for lines
 * it accepts, the passwd/group entry holds the name, GECOS, home and shell we
 * parsed.
 */
const LONG_COMPONENT = 'a'.repeat(255);
/** A path of exactly `n` bytes, made of components of at most 255. */
const pathOf = (n: number): string => `/${'b'.repeat(200)}`.repeat(Math.ceil(n / 201)).slice(0, n).replace(/\/$/, 'c');

/** Byte strings (latin1): '\xff' is the byte 0xff, so invalid UTF-8 can be written. */
const LINES = [
  'u plain',
  'u withid 4242 "Full Name" /var/lib/withid /usr/sbin/nologin',
  "u single 4243 'Single Quoted' /home/single /bin/sh",
  'u dash - - - -',
  'u uidgid 4244:4244',
  'g grp 4300',
  'g grp2',
  'm plain grp',
  'r - 500-900',
  'u! locked',
  'u! lockedid 4245',
  'g! lockedgroup',
  'm! plain grp',
  'r! - 500-900',
  'u!! twice',
  'uu double',
  '"" emptytype',
  'u 9bad',
  'u toolongname_aaaaaaaaaaaaaaaaaaaaaaa',
  // Names: 31 is the limit; letters of either case, '_' and '-' inside; no dots, '$', leading '-' or digit, or all digits.
  'u aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'u aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'u Upper_Case-9',
  'u _under',
  'u dot.ted',
  'u samba$',
  'u -dash',
  'u .',
  'u ..',
  'u 4711',
  'u caf\xc3\xa9',
  'g "sp ace"',
  // IDs: parse_uid() and the UID:GID, UID:group, '-:GID' and path forms.
  'u rootid 0 - - /usr/bin/false',
  'u id65534 65534',
  'u id65535 65535',
  'u idmax 4294967294',
  'u idminus1 4294967295',
  'u idbig 4294967296',
  'u zero 007',
  'u plus +5',
  'u minus -5',
  'u spaced " 5"',
  'u word abc',
  'u relpath rel/path',
  'u pathid /etc',
  'u pathmissing /nonexistent',
  `u pathmax ${pathOf(4095)}`,
  `u pathover ${pathOf(4096)}`,
  `g gpathover ${pathOf(4096)}`,
  `r - 1-${'0'.repeat(4094)}`,
  'u pathcolon /x:5',
  'u bygroupname 4246:grp',
  'u badgroupname 4246:9grp',
  'u emptygid 4246:',
  'u emptyuid :4246',
  'u dashuid -:4246',
  'u dashgid 4246:-',
  'u twocolons 4246:4246:4246',
  'u gidpath 4246:/etc',
  'g gid0 0',
  'g gid65535 65535',
  'g gidpath /etc',
  'g gidmissing /nonexistent',
  'g gidpair 5:5',
  'g gidword abc',
  'g gidminus -5',
  // Ranges for 'r'.
  'r - 900-500',
  'r - 500',
  'r - 0-0',
  'r - 0-4294967294',
  'r - 0-4294967295',
  'r - 0-65535',
  'r - 65535',
  'r - 500-',
  'r - -500',
  'r - 5-6-7',
  'r - 05-6',
  'r - +5-6',
  'r - abc',
  'r - /etc',
  'r - " 5-6"',
  'r - 500-900 - /x',
  'r - 500-900 - - relative',
  // GECOS: ':', control characters, UTF-8.
  'u colon - "a:b"',
  'u gtab - "a\tb"',
  'u gdel - "a\x7fb"',
  'u gctl - "a\x01b"',
  'u gutf - "caf\xc3\xa9"',
  'u gbadutf - "caf\xe9"',
  'u gnonchar - "\xef\xbf\xbe"',
  'u gspecial - "#x\\y\"z"',
  // Home and shell: absolute, simplified ('//', '.', trailing '/'), no '..', ':', control characters or overlong parts.
  'u relhome - - relative',
  'u relshell - - / relative',
  'u hslashes - - //srv//x/',
  'u hdot - - /srv/./x/.',
  'u hdotdot - - /srv/../x',
  'u hdotdotend - - /srv/..',
  'u hcolon - - /a:b',
  'u hspace - - "/a b"',
  'u hdel - - "/a\x7f"',
  'u hbadutf - - "/caf\xe9"',
  'u hutf - - "/caf\xc3\xa9"',
  `u hlong - - /${LONG_COMPONENT}`,
  `u hlonger - - /${LONG_COMPONENT}b`,
  `u hmax - - ${pathOf(4095)}`,
  `u hover - - ${pathOf(4096)}`,
  'u sroot - - / /',
  'u sslash - - / /bin/sh/',
  'u sdoubled - - / //bin//sh',
  'u sdotdot - - / /bin/../sh',
  'u sdot - - / .',
  // Specifiers: unknown ones fail in any column; '%%' is '%', a '%' at the end stays.
  'u spec%x',
  'u spec%%',
  'u spec%',
  'u sp%%ec',
  'u specid %y',
  'u specgecos - "100%%"',
  'u specgecos2 - "100%"',
  'u specgecos3 - "100%Z"',
  'u spechome - - /x%%y',
  'u spechome2 - - /x%u',
  'u specshell - - / /bin/%s',
  'g specgid 43%%',
  'r - 1-2%j',
  // Which columns each type takes.
  'g gecos - "gecos"',
  'g ghome - - /x',
  'g gshell - - - /bin/sh',
  'g gdashes - - - -',
  'm plain grp gecos',
  'm plain grp - /x',
  'm plain 9grp',
  'm plain 4300',
  'm - grp',
  'm plain',
  'm newuser newgroup',
  'r - 500-900 gecos',
  'r named 1-2',
  'u extra - - - - more',
  'x what',
  'u',
  'm onlyname',
  'u "unbalanced',
  'u esc\\ aped',
];

describeIfTool('systemd-sysusers', 'agreement with systemd-sysusers --root', () => {
  const dialect = installedDialect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-sysusers-'));
  /** The shell sysusers gives a user whose line has none (its compiled-in nologin), asked once. */
  let shell: string | undefined;
  const defaultShell = (): string => {
    if (shell === undefined) {
      const root = fs.mkdtempSync(path.join(dir, 'default-'));
      fs.mkdirSync(path.join(root, 'etc'));
      spawnSync('systemd-sysusers', [`--root=${root}`, '-'], { input: 'u probe 4999\n', encoding: 'utf8' });
      shell = fs.readFileSync(path.join(root, 'etc/passwd'), 'utf8').split('\n').find((l) => l.startsWith('probe:'))!.split(':')[6]!;
    }
    return shell;
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Long lines are named by their start and length. */
  const label = (text: string) => (text.length > 80 ? `${text.slice(0, 60)}… (${text.length} bytes)` : text);
  test.each(LINES.map((text, i) => [i, label(text), text] as const))('%d: %s', (i, _label, text) => {
    const root = path.join(dir, `root-${i}`);
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    const conf = path.join(dir, `line-${i}.conf`);
    // 'm' lines need their user and group defined in the same run.
    const context = text.startsWith('m ') ? 'u plain\ng grp\n' : '';
    fs.writeFileSync(conf, Buffer.from(`${context}${text}\n`, 'latin1'));
    const run = spawnSync('systemd-sysusers', [`--root=${root}`, conf], { encoding: 'utf8' });
    const ours = parseSysusers(fs.readFileSync(conf), dialect);
    const lineNo = context === '' ? 1 : 3;
    const node = ours.nodes.find((n) => n.line === lineNo)!;
    if (run.status !== 0) {
      expect(run.stderr).toContain(`${conf}:${lineNo}:`);
      expect(node.type).toBe('invalid');
      return;
    }
    expect(node.type).toBe('entry');
    if (node.type !== 'entry' || node.letter !== 'u') return;
    // Creation failures (a GID that does not exist yet) are only logged: then there is nothing to compare.
    const passwdFile = path.join(root, 'etc/passwd');
    if (run.stderr.trim() !== '' && !fs.existsSync(passwdFile)) return;
    // No guards: a field we did not parse counts as unset, and must then be what sysusers writes for unset.
    // Values as specifier_printf() leaves them ('%%' is '%'): the crafted lines use no system-dependent specifier.
    const expanded = (value: string) => {
      const expansion = expandSpecifiers(value);
      return 'value' in expansion ? expansion.value : value;
    };
    const given = (field: { value: string | null } | null | undefined) => (field?.value == null || field.value === '-' ? '' : expanded(field.value));
    const entry = fs.readFileSync(passwdFile, 'latin1').split('\n').find((l) => l.startsWith(`${given(node.name)}:`))!.split(':');
    expect(entry[0]).toBe(given(node.name));
    expect(entry[4]).toBe(given(node.gecos));
    // sysusers writes home and shell as path_simplify() leaves them.
    const simplified = (field: { value: string | null } | null | undefined) => (given(field) === '' ? '' : simplifyPath(given(field)));
    expect(entry[5]).toBe(simplified(node.home) || '/');
    expect(entry[6]).toBe(simplified(node.shell) || defaultShell());
  });
});
