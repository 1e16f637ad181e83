import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { describeIfTool } from '../helpers/tools.js';
import { installedDialect } from '../helpers/systemd-version.js';
import { agreeingEntry, expectedMode, modeOf, runTmpfiles, type TmpfilesRun } from '../helpers/tmpfiles-run.js';
import type { TmpfilesFile } from '../../src/formats/tmpfiles/model.js';

/**
 * Agreement with the installed systemd-tmpfiles: a crafted file is applied
 * with --root to a scratch folder; every line it rejects we reject, and for
 * every line we accept, the object it created has the path, link target,
 * content and mode our parsed columns say.
 */
/** The one user and group of the root's /etc/passwd and /etc/group (systemd-tmpfiles --root reads them there). */
const [USER, GROUP] = ['tmpuser', 'tmpgroup'];
const [UID, GID] = [4242, 4343];

const LINES = [
  'd /dir 0750 - - -',
  'd "/dir with space" 0700',
  "d '/single quoted' 0711",
  'd /esc\\ aped 0755',
  'd /hex\\x41 0755',
  'L /link - - - - ../usr/lib/os-release',
  'L+ "/link two" - - - - /target\\040with\\x20escapes',
  'L /link-quoted - - - - "quoted target"',
  'L /link-specifier - - - - /%%literal',
  'f /file 0640 - - - hello\\tworld\\x41',
  'f /file-spaces - - - -   lead and trail  ',
  'f /file-dash - - - - -',
  'f /file-empty',
  'f+ /file-plus 0600 root root - again',
  'w /missing-file - - - - w does not create files',
  'p /fifo 0600',
  'D /dirD 1777 - - 10d',
  'd /mode-tilde ~0755',
  'e /dir - - - 1h',
  'x /tmp/foo*',
  'r /nothing',
  'Q',
  'bad line',
  'd relative',
  'L~ /b64 - - - - eA==',
  'w /wfile',
  'c /dev-bad - - - - nonsense',
  'C /copy - - - - relative',
  'f /bad-escape - - - - a\\qb',
  'd "/unbalanced',
  'L? /maybe - - - - /nowhere',
  'd$ /purge',
  'k /unknown',
  // Mode: octal up to 07777 after any '~' and ':' (':' since 252).
  'd /mode-mask-twice ~~0755',
  'd /mode-create-only :0644',
  'd /mode-both ~:0700',
  'd /mode-max 07777',
  'd /mode-too-big 010000',
  'd /mode-eight 8',
  'd /mode-9999 9999',
  'd /mode-tilde-only ~',
  'd /mode-colon-only :',
  'd /mode-plus +755',
  'd /mode-hex 0x1ff',
  'd /mode-lead-space " 0700"',
  'd /mode-trail-space "0700 "',
  'd /mode-zero 0',
  // Age: '~', an age-by before ':', a time span; any line type takes one.
  'd /age-days - - - 10d',
  'd /age-two - - - "1h 5min"',
  'd /age-keep - - - ~1w',
  'd /age-by - - - aA:1h',
  'd /age-fraction - - - 1.5h',
  'd /age-infinity - - - infinity',
  'L /age-on-link - - - 1d /target',
  'd /age-bad-unit - - - 10x',
  'd /age-tilde-only - - - ~',
  'd /age-by-bad - - - x:1h',
  'd /age-negative - - - -5s',
  'd /age-dot - - - 5.',
  'd /age-unit-and-more - - - 5secs',
  'd /age-overflow - - - 213503982d',
  'd /age-largest-days - - - 213503981d',
  'd /age-by-empty - - - :1h',
  'd /age-units - - - "1y 2M 3w 4d 5h 6min 7s 8ms 9us 10sec 11m"',
  // User and group: a numeric id, root, or a name of the root's /etc/passwd and /etc/group.
  'd /own-numeric - 1234 5678',
  'd /own-root - root root',
  `d /own-names - ${USER} ${GROUP}`,
  `d /own-create-only - :${USER} :${GROUP}`,
  'd /own-max - 4294967294 4294967294',
  'd /own-absent-user - nosuchuser -',
  'd /own-absent-group - - nosuchgroup',
  `d /own-user-as-group - - ${USER}`,
  'd /own-reserved - 65535 -',
  'd /own-leading-zero - 01 -',
  'd /own-colon-in-name - root: -',
  'd /own-empty - : -',
];

describeIfTool('systemd-tmpfiles', 'agreement with systemd-tmpfiles --root --create', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-tmpfiles-'));
  const root = path.join(dir, 'root');
  let run: TmpfilesRun;
  let parsed: TmpfilesFile;
  // In beforeAll, not in the describe's body: a mutation run loads this file for every tmpfiles mutant.
  beforeAll(() => {
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/passwd'), `root:x:0:0::/root:/bin/sh\n${USER}:x:${UID}:${GID}::/:/bin/sh\n`);
    fs.writeFileSync(path.join(root, 'etc/group'), `root:x:0:\n${GROUP}:x:${GID}:\n`);
    run = runTmpfiles(dir, root, LINES, ['--create']);
    parsed = parseTmpfiles(Buffer.from(`${LINES.join('\n')}\n`), installedDialect(), { users: new Set(['root', USER]), groups: new Set(['root', GROUP]) });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('systemd-tmpfiles ran and rejected some lines (exit 65 for invalid lines)', () => {
    expect(run.status).toBe(65);
    expect(run.rejected.size).toBeGreaterThan(5);
  });

  test.each(LINES.map((text, i) => [i + 1, text] as const))('line %d: %s', (lineNo, _text) => {
    const ours = agreeingEntry(parsed, run, lineNo);
    if (!ours) return;
    const target = path.join(root, Buffer.from(ours.path.value!, 'latin1').toString('utf8'));
    const argument = ours.argument ? Buffer.from(ours.argument.value, 'latin1').toString('utf8') : null;
    switch (ours.letter) {
      case 'L':
        if (ours.modifiers.includes('?')) break;
        expect(fs.readlinkSync(target)).toBe(argument!.replaceAll('%%', '%'));
        break;
      case 'f':
        // No guards: contents by equality, and the mode we parsed (or tmpfiles' default when there is none).
        expect(fs.readFileSync(target, 'utf8')).toBe(argument ?? '');
        expect(modeOf(target)).toBe(expectedMode(ours.mode?.value, '644'));
        break;
      case 'd':
      case 'D':
      case 'p': {
        const stat = fs.statSync(target);
        expect(modeOf(target)).toBe(expectedMode(ours.mode?.value, ours.letter === 'p' ? '644' : '755'));
        expect(ours.letter === 'p' ? stat.isFIFO() : stat.isDirectory()).toBe(true);
        // The owner we parsed: an id, root, or the name's id in the root's files (without ':', which only holds back changes).
        const id = (value: string | null | undefined, name: string, nameId: number) => {
          const v = value?.replace(/^:/, '');
          return v == null || v === 'root' ? 0 : v === name ? nameId : Number(v);
        };
        expect([stat.uid, stat.gid]).toEqual([id(ours.user?.value, USER, UID), id(ours.group?.value, GROUP, GID)]);
        break;
      }
      case 'w':
        expect(fs.existsSync(target)).toBe(false);
        break;
      case 'e':
      case 'x':
      case 'r':
        // They act on what exists, which a fresh root does not have: tmpfiles-existing-oracle.test.ts compares them.
        break;
      default:
        throw new Error(`line type ${ours.letter} is not compared: add its effect here`);
    }
  });
});
