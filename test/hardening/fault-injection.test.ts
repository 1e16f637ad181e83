import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN } from '../helpers/cli.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

/**
 * Faults a real file system gives: a full disk and a read-only mount in the
 * middle of the tree. Each scenario runs in its own mount namespace
 * (`unshare -m`), so its mounts vanish with it; that needs root, which CI
 * has. Node's synchronous fs calls retry EINTR inside libuv, and EAGAIN comes
 * only from non-blocking descriptors (FIFOs, sockets), which unitfix never
 * opens (test/fix/fix-paths.test.ts, "FIFOs and folders named like units").
 */
function canMount(): boolean {
  const ok = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
  if (!ok && process.env['CI']) throw new Error('the fault-injection tests need root and unshare(1) (util-linux) in CI');
  if (!ok) console.warn('fault injection skipped: needs root and unshare -m (util-linux)');
  return ok;
}

const UNIT = (n: number) => `[Service]\nExecStart=/usr/bin/foo --instance ${n}\n`;

(canMount() ? describe : describe.skip)('fault injection (real mounts in a private mount namespace)', () => {
  let root: string;
  afterEach(() => removeTree(root));

  /** Runs bash SCRIPT in a new mount namespace; the CLI is `$UNITFIX`. */
  function inNamespace(script: string): { status: number; stdout: string; stderr: string } {
    const run = spawnSync('unshare', ['-m', '--propagation', 'private', 'bash', '-euo', 'pipefail', '-c', script], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', UNITFIX: `${process.execPath} ${BIN}`, ROOT: root },
    });
    return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  }

  test('a full disk: every original intact, no temporary file left, one line per file that could not be written, exit 2', () => {
    root = makeTree({ 'src/out/bin/foo': EXEC });
    for (let n = 0; n < 20; n++) fs.mkdirSync(`${root}/src/out/lib/systemd/system`, { recursive: true }), fs.writeFileSync(`${root}/src/out/lib/systemd/system/u${n}.service`, UNIT(n));
    fs.mkdirSync(`${root}/result`);
    const run = inNamespace(`
      mkdir -p "$ROOT/disk"
      mount -t tmpfs -o size=256k tmpfs "$ROOT/disk"
      cp -a "$ROOT/src/out" "$ROOT/disk/out"
      # Fill what is left, so that no temporary file can be written.
      dd if=/dev/zero of="$ROOT/disk/filler" bs=4k 2>/dev/null || true
      set +e
      $UNITFIX fix "$ROOT/disk/out" >"$ROOT/result/stdout" 2>"$ROOT/result/stderr"
      echo $? >"$ROOT/result/status"
      set -e
      cp -a "$ROOT/disk/out" "$ROOT/result/out"
    `);
    expect(run.stderr).toBe('');
    expect(fs.readFileSync(`${root}/result/status`, 'utf8').trim()).toBe('2');
    const units = fs.readdirSync(`${root}/result/out/lib/systemd/system`).sort();
    expect(units).toEqual(Array.from({ length: 20 }, (_, n) => `u${n}.service`).sort());
    for (const name of units) expect(fs.readFileSync(`${root}/result/out/lib/systemd/system/${name}`, 'utf8')).toBe(UNIT(Number(name.slice(1, -8))));
    const lines = fs.readFileSync(`${root}/result/stderr`, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(20);
    for (const line of lines) expect(line).toMatch(/^\S+\/u\d+\.service: error: cannot write: no space left on device$/);
    expect(fs.readFileSync(`${root}/result/stdout`, 'utf8')).toBe('');
  });

  test('a read-only mount in the middle of the tree: those files keep their bytes, one line each, the others are fixed, exit 2', () => {
    root = makeTree({
      'out/bin/foo': EXEC,
      'out/lib/systemd/system/a.service': UNIT(1),
      'out/lib/systemd/system/b.service': UNIT(2),
      'out/lib/systemd/user/c.service': UNIT(3),
    });
    const run = inNamespace(`
      mount --bind "$ROOT/out/lib/systemd/system" "$ROOT/out/lib/systemd/system"
      mount -o remount,ro,bind "$ROOT/out/lib/systemd/system"
      set +e
      $UNITFIX fix "$ROOT/out"
      echo "status $?"
    `);
    expect(run.stdout.trim().split('\n')).toEqual([`${root}/out/lib/systemd/user/c.service: /usr/bin/foo → ${root}/out/bin/foo`, 'status 2']);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${root}/out/lib/systemd/system/a.service: error: cannot write: read-only file system`,
      `${root}/out/lib/systemd/system/b.service: error: cannot write: read-only file system`,
    ]);
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/a.service`, 'utf8')).toBe(UNIT(1));
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/b.service`, 'utf8')).toBe(UNIT(2));
    expect(fs.readFileSync(`${root}/out/lib/systemd/user/c.service`, 'utf8')).toBe(UNIT(3).replace('/usr/bin/foo', `${root}/out/bin/foo`));
    expect(fs.readdirSync(`${root}/out/lib/systemd/system`).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(path.isAbsolute(root)).toBe(true);
  });
});
