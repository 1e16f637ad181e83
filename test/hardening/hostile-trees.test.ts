import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { REPO } from '../helpers/cli.js';
import { unitfix } from '../helpers/cli.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

const UNIT = '[Service]\nExecStart=/usr/bin/foo\n';
let roots: string[] = [];
afterEach(() => {
  roots.forEach((r) => {
    spawnSync('chmod', ['-R', 'u+rwX', r]);
    removeTree(r);
  });
  roots = [];
});
const tree = (entries: Parameters<typeof makeTree>[0]) => {
  const root = makeTree(entries);
  roots.push(root);
  return root;
};

describe('odd names and shapes', () => {
  test('a unit whose name has a newline is fixed, and reported on one line', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/new\nline.service': UNIT });
    const result = await unitfix(['fix', `${root}/out`]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${root}/out/lib/systemd/system/new\\x0aline.service: /usr/bin/foo → ${root}/out/bin/foo`);
    expect(fs.readFileSync(`${root}/out/lib/systemd/system/new\nline.service`, 'utf8')).toContain(`${root}/out/bin/foo`);
  });

  test('a name that is not UTF-8 is passed over with a note, the others are fixed', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/ok.service': UNIT });
    const odd = Buffer.concat([Buffer.from(`${root}/out/lib/systemd/system/bad`), Buffer.from([0xff, 0xfe]), Buffer.from('.service')]);
    fs.writeFileSync(odd, UNIT);
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([['ok.service', 'changed']]);
    expect(report.skipped.map((s) => s.reason)).toEqual(['the name is not UTF-8 (systemd accepts no such unit name); not read']);
    expect(fs.readFileSync(odd, 'utf8')).toBe(UNIT);
  });

  test('a very deep tree is walked (or its too-deep part reported), never a crash', async () => {
    const deep = `out/lib/systemd/system/${Array.from({ length: 150 }, (_, i) => `d${i}.service.d`).join('/')}/x.conf`;
    const root = tree({ 'out/bin/foo': EXEC, [deep]: UNIT });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => f.status)).toEqual(['changed']);
  });

  test('hard links: each path in the tree is fixed; a link outside keeps the old content, as with sed -i', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/a.service': UNIT });
    fs.linkSync(`${root}/out/lib/systemd/system/a.service`, `${root}/out/lib/systemd/system/b.service`);
    fs.linkSync(`${root}/out/lib/systemd/system/a.service`, `${root}/outside-link.service`);
    await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    for (const name of ['a', 'b']) expect(fs.readFileSync(`${root}/out/lib/systemd/system/${name}.service`, 'utf8')).toContain(`${root}/out/bin/foo`);
    expect(fs.readFileSync(`${root}/outside-link.service`, 'utf8')).toBe(UNIT);
  });

  test('files that disappear or change after they were found: an error for the gone one, the changed one fixed as it is now', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/gone.service': UNIT, 'out/lib/systemd/system/changed.service': UNIT, 'out/lib/systemd/system/ok.service': UNIT });
    const unitDir = `${root}/out/lib/systemd/system`;
    const report = await fixPaths({
      paths: [`${root}/out`],
      searchPath: [],
      onDiscovered: () => {
        fs.rmSync(`${unitDir}/gone.service`);
        fs.writeFileSync(`${unitDir}/changed.service`, '[Service]\nExecStart=/usr/bin/foo --new\n');
      },
    });
    const byName = Object.fromEntries(report.files.map((f) => [path.basename(f.path), [f.status, f.error]]));
    expect(byName).toEqual({
      'gone.service': ['error', 'cannot read: the file disappeared'],
      'changed.service': ['changed', undefined],
      'ok.service': ['changed', undefined],
    });
    expect(fs.readFileSync(`${unitDir}/changed.service`, 'utf8')).toBe(`[Service]\nExecStart=${root}/out/bin/foo --new\n`);
  });

  test('device nodes named like units are never opened', async () => {
    const root = tree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/ok.service': UNIT });
    execFileSync('mknod', [`${root}/out/lib/systemd/system/null.service`, 'c', '1', '3']);
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => path.basename(f.path))).toEqual(['ok.service']);
  });
});

/** Runs the bundled CLI as nobody, for permission errors root would not see. */
function asNobody(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const bundle = path.join(cwd, 'unitfix.js');
  if (!fs.existsSync(bundle)) {
    fs.copyFileSync(path.join(REPO, 'dist/unitfix.js'), bundle);
    fs.cpSync(path.join(REPO, 'dist/chunks'), path.join(cwd, 'chunks'), { recursive: true });
  }
  const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bundle, ...args], { cwd, encoding: 'utf8', env: { NO_COLOR: '1', PATH: '/usr/bin:/bin' } });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

const canDropPrivileges = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
if (!canDropPrivileges && process.env['CI']) throw new Error('CI must run as root with setpriv (util-linux) for the permission tests');
(canDropPrivileges ? describe : describe.skip)('permission errors (run as nobody)', () => {
  test('an unreadable file and a folder it cannot write to: one line each, exit 2, the rest fixed', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-nobody-'));
    roots.push(root);
    makeTree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/ok.service': UNIT, 'out/lib/systemd/system/secret.service': UNIT, 'out/lib/systemd/user/locked.service': UNIT }, root);
    execFileSync('chown', ['-R', 'nobody:nogroup', root]);
    fs.chmodSync(root, 0o755);
    fs.chmodSync(`${root}/out/lib/systemd/system/secret.service`, 0o000);
    fs.chmodSync(`${root}/out/lib/systemd/user`, 0o555);
    const result = asNobody(['fix', `${root}/out`], root);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n').sort()).toEqual([
      `out/lib/systemd/system/secret.service: error: cannot read: permission denied`,
      `out/lib/systemd/user/locked.service: error: cannot write: permission denied`,
    ]);
    expect(result.stdout).toBe(`out/lib/systemd/system/ok.service: /usr/bin/foo → ${root}/out/bin/foo\n`);
    expect(fs.readFileSync(`${root}/out/lib/systemd/user/locked.service`, 'utf8')).toBe(UNIT);
    expect(fs.readdirSync(`${root}/out/lib/systemd/user`)).toEqual(['locked.service']);
  });
});

describe('a file that changes between being read and being replaced', () => {
  test('is read again and planned anew; after three changes in a row it is left alone with an error', async () => {
    const { formatById } = await import('../../src/formats/registry.js');
    const unitFormat = await formatById('unit').load();
    const original = unitFormat.plan!;
    const root = makeTree({ 'out/bin/foo': EXEC, 'out/lib/systemd/system/a.service': UNIT });
    const unit = `${root}/out/lib/systemd/system/a.service`;
    try {
      // Someone edits the file right after unitfix read it, once.
      let edits = 1;
      const editedOnce: typeof original = (model, context) => {
        const plan = original(model, context);
        if (edits-- > 0) fs.writeFileSync(unit, `${UNIT}# edited meanwhile, longer\n`);
        return plan;
      };
      unitFormat.plan = editedOnce;
      const once = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
      expect(once.files.map((f) => f.status)).toEqual(['changed']);
      expect(fs.readFileSync(unit, 'utf8')).toBe(`[Service]\nExecStart=${root}/out/bin/foo\n# edited meanwhile, longer\n`);

      // Someone keeps editing it: the edit is never overwritten.
      fs.writeFileSync(unit, UNIT);
      let n = 0;
      const editedAlways: typeof original = (model, context) => {
        const plan = original(model, context);
        fs.writeFileSync(unit, `${UNIT}# edit ${++n}${'!'.repeat(n)}\n`);
        return plan;
      };
      unitFormat.plan = editedAlways;
      const always = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
      expect(always.files.map((f) => [f.status, f.error])).toEqual([['error', 'the file kept changing while it was being fixed; left as it is']]);
      expect(fs.readFileSync(unit, 'utf8')).toBe(`${UNIT}# edit 3!!!\n`);
    } finally {
      unitFormat.plan = original;
      removeTree(root);
    }
  });
});
