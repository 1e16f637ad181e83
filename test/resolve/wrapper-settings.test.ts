import fs from 'node:fs';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { DEFAULT_WRAPPERS } from '../../src/resolve/wrapper-table.js';
import { wrapperTable } from '../../src/resolve/wrapper-settings.js';
import { UsageError } from '../../src/usage-error.js';
import { makeTree, removeTree } from '../helpers/tree.js';

let root: string;
beforeEach(() => {
  root = makeTree({
    'good.json': '{"sudo": "/opt/sudo", "ping": null}',
    'array.json': '[1]',
    'number.json': '{"sudo": 1}',
    'broken.json': '{',
    'null.json': 'null',
    'string.json': '"/opt/sudo"',
    'out/lib/systemd/system/foo.service': '[Service]\nUser=nobody\nExecStart=/usr/bin/sudo -u x true\nExecStop=/usr/bin/pkexec y\n',
  });
});
afterEach(() => removeTree(root));

describe('wrapperTable: the built-in table, a JSON file over it, NAME=PATH settings over both', () => {
  test('nothing named: the table given, or none (the resolver then uses the built-in one)', () => {
    expect(wrapperTable({})).toBeUndefined();
    expect(wrapperTable({ wrappers: { a: '/a' } })).toEqual({ a: '/a' });
  });

  test('a file alone, without settings, over the built-in table', () => {
    expect(wrapperTable({ wrapperFile: path.join(root, 'good.json') })).toEqual({ ...DEFAULT_WRAPPERS, sudo: '/opt/sudo', ping: null });
  });

  test('the file over the built-in table, settings over the file; NAME= leaves NAME alone', () => {
    const table = wrapperTable({ wrapperFile: path.join(root, 'good.json'), wrapper: ['ping=/opt/ping', 'pkexec='] })!;
    expect(table).toEqual({ ...DEFAULT_WRAPPERS, sudo: '/opt/sudo', ping: '/opt/ping', pkexec: null });
  });

  test.each([
    [{ wrapperFile: 'array.json' }, /^@\/array.json: the wrapper table must be a JSON object of name to path or null$/],
    [{ wrapperFile: 'null.json' }, /^@\/null.json: the wrapper table must be a JSON object of name to path or null$/],
    [{ wrapperFile: 'string.json' }, /^@\/string.json: the wrapper table must be a JSON object of name to path or null$/],
    [{ wrapperFile: 'number.json' }, /^@\/number.json: "sudo" must map to a path or null$/],
    [{ wrapperFile: 'broken.json' }, /^@\/broken.json: cannot read the wrapper table: /],
    [{ wrapperFile: 'none.json' }, /^@\/none.json: cannot read the wrapper table: ENOENT/],
    [{ wrapper: ['sudo'] }, /^--wrapper sudo: expected NAME=PATH or NAME=$/],
    [{ wrapper: ['=x'] }, /^--wrapper =x: expected NAME=PATH or NAME=$/],
    [{ wrapper: ['sudo=x/sudo'] }, /^--wrapper sudo=x\/sudo: PATH must be absolute$/],
  ])('%j is a UsageError', (sources, message) => {
    const given = 'wrapperFile' in sources ? { wrapperFile: path.join(root, sources.wrapperFile) } : sources;
    let error: unknown;
    try {
      wrapperTable(given);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.replace(root, '@')).toMatch(message);
  });

  test('fixPaths takes them as unitfix fix does: --wrappers FILE, --wrapper NAME=PATH', async () => {
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [], wrapperFile: path.join(root, 'good.json'), wrapper: ['pkexec=/opt/pkexec'], dryRun: true });
    expect(report.files.flatMap((f) => f.replacements.map((r) => `${r.from} → ${r.to}`))).toEqual(['/usr/bin/sudo → /opt/sudo', '/usr/bin/pkexec → /opt/pkexec']);
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/foo.service`, 'utf8')).toContain('/usr/bin/sudo');
  });
});
