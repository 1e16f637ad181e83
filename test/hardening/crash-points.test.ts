import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, REPO } from '../helpers/cli.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

/**
 * A crash at each step of a rewrite, every time at the same point (a preload
 * kills the process there), instead of at random moments: half-way through
 * writing the new bytes, after they are written but before the rename, and
 * right after the rename. Each time every file holds its old or its new
 * bytes, never a mix, and the next run finishes the job and removes the
 * killed run's temporary file. An in-place write fails the first case.
 */
const COUNT = 5;
const before = (i: number) => `[Service]\nExecStart=/usr/bin/foo --instance ${i} ${'x'.repeat(4096)}\n`;

describe.each(['mid-write', 'before-rename', 'after-rename'])('killed %s of the 3rd file', (step) => {
  let root: string;
  beforeEach(() => {
    const entries: Parameters<typeof makeTree>[0] = { 'out/bin/foo': EXEC };
    for (let i = 0; i < COUNT; i++) entries[`out/lib/systemd/system/u${i}.service`] = before(i);
    root = makeTree(entries);
  });
  afterEach(() => removeTree(root));
  const after = (i: number) => before(i).replace('/usr/bin/foo', `${root}/out/bin/foo`);
  const dir = () => `${root}/out/lib/systemd/system`;
  const contents = () => Array.from({ length: COUNT }, (_, i) => fs.readFileSync(`${dir()}/u${i}.service`, 'utf8'));

  test('every file old or new, the killed run’s temporary file removed by the next run, which finishes', () => {
    const killed = spawnSync(process.execPath, ['--import', path.join(REPO, 'test/helpers/crash-at.js'), BIN, 'fix', `${root}/out`], {
      env: { ...process.env, UNITFIX_CRASH_AT: step, UNITFIX_CRASH_WRITE: '3' },
    });
    expect(killed.signal).toBe('SIGKILL');
    // Files are fixed in name order: two done, the third where the kill left it, the rest untouched.
    const third = step === 'after-rename' ? after(2) : before(2);
    expect(contents()).toEqual([after(0), after(1), third, before(3), before(4)]);
    const leftovers = fs.readdirSync(dir()).filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toHaveLength(step === 'after-rename' ? 0 : 1);
    const again = spawnSync(process.execPath, [BIN, 'fix', `${root}/out`], { encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(contents()).toEqual(Array.from({ length: COUNT }, (_, i) => after(i)));
    expect(fs.readdirSync(dir()).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
