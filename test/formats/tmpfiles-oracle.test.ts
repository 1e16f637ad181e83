import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { describeIfTool } from '../helpers/tools.js';
import { installedDialect } from '../helpers/systemd-version.js';

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

const modeOf = (file: string) => (fs.statSync(file).mode & 0o7777).toString(8);
/** The mode a created object gets: the column without its ~ and : modifiers, or the type's default ('-' or none). */
const expectedMode = (column: string | null | undefined, fallback: string) =>
  column == null || column === '-' ? fallback : column.replace(/^[~:]+/, '').replace(/^0+/, '') || '0';

describeIfTool('systemd-tmpfiles', 'agreement with systemd-tmpfiles --root --create', () => {
  const dialect = installedDialect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-tmpfiles-'));
  const root = path.join(dir, 'root');
  fs.mkdirSync(root);
  const conf = path.join(dir, 'crafted.conf');
  fs.writeFileSync(conf, `${LINES.join('\n')}\n`);
  const run = spawnSync('systemd-tmpfiles', [`--root=${root}`, '--create', conf], { encoding: 'utf8' });
  const rejected = new Set<number>();
  for (const line of run.stderr.split('\n')) {
    const match = new RegExp(`^${conf.replaceAll('.', '\\.')}:(\\d+): (.*)$`).exec(line);
    // Notices and warnings about accepted lines do not reject them.
    if (match && !/ignoring\.|lines don't take argument|\/var\/run/.test(match[2]!)) rejected.add(Number(match[1]));
  }
  const parsed = parseTmpfiles(fs.readFileSync(conf), dialect);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('systemd-tmpfiles ran and rejected some lines (exit 65 for invalid lines)', () => {
    expect(run.status).toBe(65);
    expect(rejected.size).toBeGreaterThan(5);
  });

  test.each(LINES.map((text, i) => [i + 1, text] as const))('line %d: %s', (lineNo, _text) => {
    const ours = parsed.nodes.find((n) => n.line === lineNo)!;
    if (rejected.has(lineNo)) {
      expect(ours.type).toBe('invalid');
      return;
    }
    expect(ours.type).toBe('entry');
    if (ours.type !== 'entry') return;
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
      default:
        break;
    }
  });
});
