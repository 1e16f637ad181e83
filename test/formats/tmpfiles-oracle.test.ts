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
];

describeIfTool('systemd-tmpfiles', 'agreement with systemd-tmpfiles --root --create', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-tmpfiles-'));
  const root = path.join(dir, 'root');
  let run: TmpfilesRun;
  let parsed: TmpfilesFile;
  // In beforeAll, not in the describe's body: a mutation run loads this file for every tmpfiles mutant.
  beforeAll(() => {
    fs.mkdirSync(root);
    run = runTmpfiles(dir, root, LINES, ['--create']);
    parsed = parseTmpfiles(Buffer.from(`${LINES.join('\n')}\n`), installedDialect());
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
