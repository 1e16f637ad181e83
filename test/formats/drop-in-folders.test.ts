import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { dropInFolderNames, unitDropIns } from '../../src/formats/unit/drop-in-folders.js';
import { describeIfTool } from '../helpers/tools.js';
import { makeTree, removeTree } from '../helpers/tree.js';

describe('the drop-in folders of a unit, most specific first', () => {
  test.each([
    ['foo.service', ['foo.service', 'service']],
    ['foo-bar-baz.service', ['foo-bar-baz.service', 'foo-bar-.service', 'foo-.service', 'service']],
    // A trailing dash is dropped once before the next prefix is taken; a leading dash ends the search.
    ['foo-bar-.service', ['foo-bar-.service', 'foo-.service', 'service']],
    ['a--b.service', ['a--b.service', 'a--.service', 'a-.service', 'service']],
    ['-foo.service', ['-foo.service', 'service']],
    ['foo-bar@tty1.service', ['foo-bar@tty1.service', 'foo-bar@.service', 'foo-.service', 'foo-@tty1.service', 'foo-@.service', 'service']],
    // A template: what all its instances read, not what one instance reads.
    ['foo-bar@.service', ['foo-bar@.service', 'foo-.service', 'foo-@.service', 'service']],
    ['foo@.socket', ['foo@.socket', 'socket']],
  ] as const)('%s', (name, expected) => {
    const type = name.slice(name.lastIndexOf('.') + 1) as 'service';
    expect(dropInFolderNames(name, type)).toEqual(expected);
  });

  test('a name of many dashes gives each of its names once, at most three per byte', () => {
    const name = `${'a-'.repeat(120)}x@i.service`;
    const names = dropInFolderNames(name, 'service');
    expect(names.length).toBeGreaterThan(120);
    expect(names.length).toBeLessThanOrEqual(3 * name.length);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('which drop-ins apply, and in what order', () => {
  const list = (tree: Record<string, string[]>) => (dir: string) => tree[path.basename(dir)];

  test('byte order of the names across folders; a more specific folder hides the same name; only *.conf', () => {
    const folders = {
      'foo-bar.service.d': ['x.conf', 'c.conf.off', 'B.conf'],
      'foo-.service.d': ['x.conf', 'b.conf'],
      'service.d': ['x.conf', 'a.conf', '\u00e9.conf'],
      'socket.d': ['0.conf'],
      'foo.service.d': ['1.conf'],
    };
    expect(unitDropIns('/u/foo-bar.service', 'service', list(folders))).toEqual([
      '/u/foo-bar.service.d/B.conf',
      '/u/service.d/a.conf',
      '/u/foo-.service.d/b.conf',
      '/u/foo-bar.service.d/x.conf',
      '/u/service.d/\u00e9.conf',
    ]);
  });

  test('a unit without drop-in folders has none', () => {
    expect(unitDropIns('/u/foo.service', 'service', () => undefined)).toEqual([]);
  });
});

/**
 * systemd-analyze verify loads a unit with its drop-ins and warns about an
 * unknown key with the file and line it is in, in the order the files are
 * applied: a drop-in that is hidden or not read gives no warning. Each
 * drop-in of a random tree holds a key of its own, so the warnings give
 * the drop-ins systemd applied, in its order.
 */
describeIfTool('systemd-analyze', 'the drop-ins systemd applies (systemd-analyze verify)', () => {
  const UNITS = ['a.service', 'a-b.service', 'a-b-c.service', 'a--b.service', 'a-b@.service', 'a@.service', 'b-.service'];
  const FOLDERS = [
    'a.service.d', 'a-b.service.d', 'a-b-c.service.d', 'a--b.service.d', 'a--.service.d', 'a-.service.d', 'a-b-.service.d',
    'a-b@.service.d', 'a@.service.d', 'a-@.service.d', 'b-.service.d', 'b.service.d', 'service.d', 'socket.d',
  ];
  const FILES = ['a.conf', 'B.conf', 'b.conf', 'x.conf', '\u00e9.conf', 'z.conf.off', '10-x.conf'];

  function appliedBySystemd(root: string, unit: string): string[] {
    const run = spawnSync('systemd-analyze', ['verify', '--man=no', '--recursive-errors=no', path.join(root, unit)], {
      encoding: 'utf8',
      env: { ...process.env, SYSTEMD_UNIT_PATH: root, SYSTEMD_LOG_COLOR: '0', SYSTEMD_LOG_LOCATION: '0', SYSTEMD_LOG_TIME: '0' },
    });
    const applied: string[] = [];
    for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
      // Any message about line 2 of a drop-in that names its key: the wording differs between systemd versions.
      const match = /^(.*\.d\/[^/:]*):2: .*UfDropIn\d/.exec(line);
      if (match && !applied.includes(match[1]!)) applied.push(match[1]!);
    }
    return applied;
  }

  test('agrees with our order on random trees', () => {
    const trees = fc.record({
      unit: fc.constantFrom(...UNITS),
      files: fc.uniqueArray(fc.tuple(fc.constantFrom(...FOLDERS), fc.constantFrom(...FILES)), { minLength: 1, maxLength: 14, selector: ([d, f]) => `${d}/${f}` }),
    });
    fc.assert(
      fc.property(trees, ({ unit, files }) => {
        const entries: Record<string, string> = { [unit]: '[Unit]\nDefaultDependencies=no\n[Service]\nType=oneshot\nExecStart=/bin/true\n' };
        files.forEach(([dir, file], index) => { entries[`${dir}/${file}`] = `[Service]\nUfDropIn${index}=1\n`; });
        const root = makeTree(entries);
        try {
          const ours = unitDropIns(path.join(root, unit), 'service', (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir) : undefined));
          expect(ours).toEqual(appliedBySystemd(root, unit));
        } finally {
          removeTree(root);
        }
      }),
      { numRuns: 40 },
    );
  });
});
