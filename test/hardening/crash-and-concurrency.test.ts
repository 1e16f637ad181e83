import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN } from '../helpers/cli.js';

const COUNT = 10000;
const before = (i: number) => `[Service]\nExecStart=/usr/bin/foo --n ${i}\n`;

function makeUnits(count: number): { root: string; dir: string; after: (i: number) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-crash-'));
  const dir = path.join(root, 'out/lib/systemd/system');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(root, 'out/bin'));
  fs.writeFileSync(path.join(root, 'out/bin/foo'), '#!/bin/sh\n', { mode: 0o755 });
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `u${i}.service`), before(i));
  return { root, dir, after: (i) => `[Service]\nExecStart=${root}/out/bin/foo --n ${i}\n` };
}

function run(root: string): { child: ReturnType<typeof spawn>; done: Promise<number | null> } {
  // Atomicity is what is tested here, not durability: syncing 10,000 files would only slow the kills down.
  const child = spawn(process.execPath, [BIN, 'fix', '--no-fsync', path.join(root, 'out')], { stdio: 'ignore' });
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

const tempFiles = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.unitfix-'));

describe('crash safety', () => {
  test(`kill -9 at random moments while fixing ${COUNT} files: every file is old or new, never torn; the next run finishes and cleans up`, async () => {
    const { root, dir, after } = makeUnits(COUNT);
    try {
      let killedMidRun = false;
      for (const delay of [Math.random() * 20, Math.random() * 100, Math.random() * 300]) {
        const { child, done } = run(root);
        // Kill once writing has begun (a temporary file is there), not after a fixed time: on a loaded
        // machine a fixed delay could land before Node has started, and the test would prove nothing.
        let exited = false;
        void done.then(() => (exited = true));
        while (!exited && tempFiles(dir).length === 0) await new Promise((r) => setTimeout(r, 2));
        await new Promise((r) => setTimeout(r, delay));
        child.kill('SIGKILL');
        await done;
        let fixed = 0;
        for (let i = 0; i < COUNT; i++) {
          const content = fs.readFileSync(path.join(dir, `u${i}.service`), 'utf8');
          if (content !== before(i) && content !== after(i)) throw new Error(`u${i}.service is torn: ${JSON.stringify(content)}`);
          if (content === after(i)) fixed++;
        }
        if (fixed > 0 && fixed < COUNT) killedMidRun = true;
      }
      // At least one kill landed while files were being rewritten, or the test proved nothing.
      expect(killedMidRun).toBe(true);
      const { done } = run(root);
      expect(await done).toBe(0);
      for (let i = 0; i < COUNT; i++) expect(fs.readFileSync(path.join(dir, `u${i}.service`), 'utf8')).toBe(after(i));
      expect(tempFiles(dir)).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('concurrency', () => {
  test('two runs on the same tree at once leave every file fixed once, and no temporary file', async () => {
    const { root, dir, after } = makeUnits(2000);
    try {
      const codes = await Promise.all([run(root).done, run(root).done]);
      expect(codes).toEqual([0, 0]);
      for (let i = 0; i < 2000; i++) expect(fs.readFileSync(path.join(dir, `u${i}.service`), 'utf8')).toBe(after(i));
      expect(tempFiles(dir)).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
