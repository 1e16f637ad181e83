import { lintPaths } from '../../src/lint/engine.js';
import { fixPaths } from '../../src/fix/fix.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

/**
 * Lint reads a package as systemd does, through its links: a drop-in folder
 * or a unit linked from elsewhere in the tree is linted at the place it is
 * reached through (where fix rewrites it), each file once; links out of the
 * tree are not followed.
 */
const UNITS = 'out/lib/systemd/system';
let root: string;
afterEach(() => removeTree(root));

async function findings(): Promise<string[]> {
  const report = await lintPaths({ paths: [`${root}/out`], storeDir: '/nix/store', config: [] });
  return report.findings.filter((f) => f.ruleId === 'unit-command-fhs').map((f) => `${f.path.slice(root.length + 1)}:${f.line}`);
}

test('a drop-in folder linked from share/ is linted at the link, and nothing is left there once fixed', async () => {
  root = makeTree({
    'out/bin/foo': EXEC,
    [`${UNITS}/foo.service`]: '[Service]\nExecStart=/run/current-system/sw/bin/true\n',
    [`${UNITS}/foo.service.d`]: { symlink: '../../../share/foo/dropins' },
    'out/share/foo/dropins/10-exec.conf': '[Service]\nExecStartPre=/usr/bin/foo\n',
  });
  expect(await findings()).toEqual([`${UNITS}/foo.service.d/10-exec.conf:2`]);
  await fixPaths({ paths: [`${root}/out`], searchPath: [] });
  expect(await findings()).toEqual([]);
});

test('a unit linked from share/ is linted at the link; an alias to a unit of the folder is not linted twice', async () => {
  root = makeTree({
    'out/bin/foo': EXEC,
    [`${UNITS}/foo.service`]: { symlink: '../../../share/foo/foo.service' },
    'out/share/foo/foo.service': '[Service]\nExecStart=/usr/bin/foo\n',
    [`${UNITS}/bar.service`]: '[Service]\nExecStart=/usr/bin/foo --bar\n',
    [`${UNITS}/alias.service`]: { symlink: 'bar.service' },
    [`${UNITS}/multi-user.target.wants/bar.service`]: { symlink: '../bar.service' },
  });
  expect(await findings()).toEqual([`${UNITS}/bar.service:2`, `${UNITS}/foo.service:2`]);
});

test('a folder linked twice, or to its own parent, is walked once; a link out of the tree is not followed', async () => {
  const outside = makeTree({ 'dropins/x.conf': '[Service]\nExecStartPre=/usr/bin/outside\n' });
  try {
    root = makeTree({
      'out/bin/foo': EXEC,
      [`${UNITS}/a.service`]: '[Service]\nExecStart=/run/current-system/sw/bin/true\n',
      [`${UNITS}/b.service`]: '[Service]\nExecStart=/run/current-system/sw/bin/true\n',
      [`${UNITS}/c.service`]: '[Service]\nExecStart=/run/current-system/sw/bin/true\n',
      [`${UNITS}/a.service.d`]: { symlink: '../../../share/foo/dropins' },
      [`${UNITS}/b.service.d`]: { symlink: '../../../share/foo/dropins' },
      [`${UNITS}/c.service.d`]: { symlink: `${outside}/dropins` },
      [`${UNITS}/loop`]: { symlink: '..' },
      'out/share/foo/dropins/10-exec.conf': '[Service]\nExecStartPre=/usr/bin/foo\n',
    });
    expect(await findings()).toEqual([`${UNITS}/a.service.d/10-exec.conf:2`]);
  } finally {
    removeTree(outside);
  }
});

test('a link in a linked folder is resolved from where its folder really is, not from the path it was reached through', async () => {
  root = makeTree({
    'out/bin/foo': EXEC,
    [`${UNITS}/foo.service`]: '[Service]\nExecStart=/run/current-system/sw/bin/true\n',
    // Read from lib/systemd/system/foo.service.d, '../foo.service' would be the unit above; from
    // share/foo/dropins, where the folder really is, it is share/foo/foo.service: another file.
    [`${UNITS}/foo.service.d`]: { symlink: '../../../share/foo/dropins' },
    'out/share/foo/dropins/10-exec.conf': { symlink: '../foo.service' },
    'out/share/foo/foo.service': '[Service]\nExecStartPre=/usr/bin/foo\n',
  });
  expect(await findings()).toEqual([`${UNITS}/foo.service.d/10-exec.conf:2`]);
});
