import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { describeIfTool } from '../helpers/tools.js';
import { installedDialect } from '../helpers/systemd-version.js';

/**
 * Agreement with the installed systemd-sysusers: each crafted line is applied
 * alone with --root to a fresh folder. Lines it rejects we reject; for lines
 * it accepts, the passwd/group entry holds the name, GECOS, home and shell we
 * parsed.
 */
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
  'u 9bad',
  'u toolongname_aaaaaaaaaaaaaaaaaaaaaaa',
  'u colon - "a:b"',
  'u relhome - - relative',
  'u relshell - - / relative',
  'g gecos - "gecos"',
  'u extra - - - - more',
  'x what',
  'u',
  'r named 1-2',
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

  test.each(LINES.map((text, i) => [i, text] as const))('%d: %s', (i, text) => {
    const root = path.join(dir, `root-${i}`);
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    const conf = path.join(dir, `line-${i}.conf`);
    // 'm' lines need their user and group defined in the same run.
    const context = text.startsWith('m ') ? 'u plain\ng grp\n' : '';
    fs.writeFileSync(conf, `${context}${text}\n`);
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
    const entry = fs.readFileSync(passwdFile, 'utf8').split('\n').find((l) => l.startsWith(`${node.name!.value}:`))!.split(':');
    // No guards: a field we did not parse counts as unset, and must then be what sysusers writes for unset.
    const given = (field: { value: string | null } | null | undefined) => (field?.value == null || field.value === '-' ? '' : field.value);
    expect(entry[0]).toBe(node.name!.value);
    expect(entry[4]).toBe(given(node.gecos));
    expect(entry[5]).toBe(given(node.home) || '/');
    expect(entry[6]).toBe(given(node.shell) || defaultShell());
  });
});
