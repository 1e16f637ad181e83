import fs from 'node:fs';
import path from 'node:path';
import { imageCheck, type ImageCheckOptions } from '../../src/image-check/image-check.js';
import { LAYOUTS } from '../../src/image-check/layout.js';
import { describeIfPresent } from '../helpers/skip.js';
import { missingTool } from '../helpers/tools.js';
import { EXEC, makeTree, removeTree, type Entry } from '../helpers/tree.js';

const TOOLS = ['systemd-sysusers', 'systemd-tmpfiles', 'systemctl'];

let roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

/**
 * A closure of fake store paths (top-level names of `entries`), and a stand-in
 * for the host's vendor folders (`host/`), which tells a missing neighbour
 * from a defect without depending on what this machine has installed.
 */
function closure(entries: Record<string, Entry>): { dir: string; paths: string[]; host: string } {
  const dir = makeTree({
    'host/lib/systemd/system/multi-user.target': '[Unit]\nDescription=Multi-User System\n',
    'host/lib/sysusers.d/basic.conf': 'g adm 4 -\n',
    ...entries,
  });
  roots.push(dir);
  const paths = [...new Set(Object.keys(entries).map((k) => k.split('/')[0]!))].map((p) => path.join(dir, p));
  return { dir, paths, host: path.join(dir, 'host') };
}

/** "store-path/relative:line rule cause", the findings of image-check on the closure, in order. */
async function check(entries: Record<string, Entry>, options: Partial<ImageCheckOptions> = {}): Promise<string[]> {
  const { dir, paths, host } = closure(entries);
  const report = await imageCheck({ paths, neighbourPrefixes: [host], ...options, ...(options.base ? { base: options.base.map((b) => path.join(dir, b)) } : {}) });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => `${path.relative(dir, f.path)}:${f.line} ${f.ruleId} ${f.cause}${f.source === 'cross-check' ? '' : ` (${f.source})`}`);
}

const SERVICE = 'lib/systemd/system/food.service';

describeIfPresent(TOOLS.map(missingTool).find(Boolean), 'image-check on fixture closures, with the installed systemd', () => {
  test('the report says which systemd built the image, and times each step in order (verify runs on units: there are none)', async () => {
    const { paths, host } = closure({ 'a/lib/sysusers.d/a.conf': 'u food -\n' });
    const report = await imageCheck({ paths, neighbourPrefixes: [host], verify: true });
    expect(report.systemd).toMatch(/^systemd \d+ of the host/);
    expect(report.steps.map((s) => s.step)).toEqual(['build the root', 'parse the image files', 'systemd-sysusers', 'systemd-tmpfiles', 'systemctl preset-all', 'systemctl --global preset-all', 'map and cross-check']);
    expect(report.findings).toEqual([]);
  });

  test('tmpfiles.d owners no sysusers.d file creates: the tool fails the line, the cross-check names each', async () => {
    expect(
      await check({
        'a/lib/sysusers.d/food.conf': 'u food - "Food"\n',
        'a/lib/tmpfiles.d/food.conf': '# state\nd /var/lib/food 0750 food food -\nd /var/lib/spool 0750 ghostowner ghostgroup -\nd /run/adm 0755 root adm -\n',
      }),
    ).toEqual([
      'a/lib/tmpfiles.d/food.conf:3 image-tmpfiles-unknown-owner defect (systemd-tmpfiles)',
      'a/lib/tmpfiles.d/food.conf:3 image-tmpfiles-unknown-owner defect',
      // adm: the host's sysusers.d creates it, so a package is missing from the closure.
      'a/lib/tmpfiles.d/food.conf:4 image-tmpfiles-unknown-owner neighbour (systemd-tmpfiles)',
    ]);
  });

  test('a command under /etc: lint says it from the file, systemd-analyze verify from the image', async () => {
    expect(
      await check({ 'a/bin/food': EXEC, [`a/${SERVICE}`]: '[Service]\nExecStart=/bin/true\nExecStartPost=/etc/cron.daily/food\n' }, { verify: true }).then((f) => f.filter((x) => !x.includes(':1 '))),
    ).toEqual([`a/${SERVICE}:2 image-tool-message defect (systemd-analyze verify)`, `a/${SERVICE}:3 image-tool-message defect (systemd-analyze verify)`, `a/${SERVICE}:3 unit-command-in-etc defect (lint)`]);
  });

  test('User=, Group=, SocketUser=, SocketGroup= nobody creates (DynamicUser= and root are fine)', async () => {
    expect(
      await check({
        'a/lib/sysusers.d/food.conf': 'u food -\ng cooks -\n',
        [`a/${SERVICE}`]: '[Service]\nUser=food\nGroup=cooks\nExecStart=/bin/true\n',
        'a/lib/systemd/system/food.socket': '[Socket]\nListenStream=/run/food.sock\nSocketUser=nosuchuser\nSocketGroup=adm\n',
        'a/lib/systemd/system/ghost.service': '[Service]\nUser=ghost\nGroup=root\n',
        'a/lib/systemd/system/dyn.service': '[Service]\nUser=ghost\nDynamicUser=yes\n',
        'a/lib/systemd/system/dyn.service.d/10-user.conf': '[Service]\nGroup=ghost\n',
      }),
    ).toEqual([
      'a/lib/systemd/system/food.socket:3 image-unit-unknown-user defect',
      'a/lib/systemd/system/food.socket:4 image-unit-unknown-user neighbour',
      'a/lib/systemd/system/ghost.service:2 image-unit-unknown-user defect',
    ]);
  });

  test('WorkingDirectory=, EnvironmentFile= and ConditionPathExists= against the tree tmpfiles left', async () => {
    expect(
      await check({
        'a/lib/tmpfiles.d/food.conf': 'd /var/lib/food 0755 root root -\nf /etc/food.env 0644 root root - X=1\n',
        'a/share/food/env': 'X=1\n',
        [`a/${SERVICE}`]: `[Unit]\nConditionPathExists=/etc/food/enabled\nConditionPathExists=!/etc/food/disabled\n[Service]\nWorkingDirectory=/var/lib/food\nEnvironmentFile=/etc/food.env\nEnvironmentFile=/nix/store/0000000000000000000000000000000a-gone/env\nEnvironmentFile=/etc/default/food\nEnvironmentFile=-/etc/default/food-extra\nWorkingDirectory=/var/lib/cache/x\nStateDirectory=cache\nWorkingDirectory=/var/lib/elsewhere\n`,
      }).then((x) => x),
    ).toEqual([
      `a/${SERVICE}:2 image-condition-never-met defect`,
      // A store path the closure does not have: a neighbour is missing.
      `a/${SERVICE}:7 image-unit-missing-path neighbour`,
      `a/${SERVICE}:8 image-unit-missing-path defect`,
      `a/${SERVICE}:12 image-unit-missing-path defect`,
    ]);
  });

  test('WantedBy=, Requires=, Also= naming units absent from the closure: preset-all says so for enabled ones', async () => {
    expect(
      await check({
        'a/lib/systemd/system/helper.service': '[Service]\nExecStart=/bin/true\n',
        'a/lib/systemd/system/getty@.service': '[Service]\nExecStart=/bin/true\n',
        [`a/${SERVICE}`]: '[Unit]\nRequires=helper.service getty@tty1.service missing-helper.service\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\nWantedBy=nonexistent.target\nAlso=food-aux.socket\n',
      }),
    ).toEqual([
      `a/${SERVICE}:2 image-unit-dangling-reference defect`,
      `a/${SERVICE}:6 image-unit-dangling-reference neighbour (systemctl preset-all)`,
      `a/${SERVICE}:7 image-unit-dangling-reference defect (systemctl preset-all)`,
      `a/${SERVICE}:8 image-unit-dangling-reference defect (systemctl preset-all)`,
    ]);
  });

  test('aliases that collide, and two store paths that ship one file', async () => {
    expect(
      await check({
        // An alias that offers to take another unit's name (as dbus-broker's Alias=dbus.service): not a collision.
        [`a/${SERVICE}`]: '[Service]\nExecStart=/bin/true\n[Install]\nAlias=cook.service\n',
        'b/lib/systemd/system/cook.service': '[Service]\nExecStart=/bin/true\n',
        'b/lib/tmpfiles.d/shared.conf': 'd /run/a 0755 root root -\n',
        'c/lib/tmpfiles.d/shared.conf': 'd /run/b 0755 root root -\n',
        'c/lib/systemd/system/stew.service': '[Service]\nExecStart=/bin/true\n[Install]\nAlias=pot.service\n',
        'd/lib/systemd/system/soup.service': '[Service]\nExecStart=/bin/true\n[Install]\nAlias=pot.service\n',
      }),
    ).toEqual([
      // Two Alias=pot.service: preset-all links soup's first and refuses stew's.
      'c/lib/systemd/system/stew.service:4 image-name-collision defect (systemctl preset-all)',
      'c/lib/tmpfiles.d/shared.conf:1 image-name-collision defect',
    ]);
  });

  test('a tmpfiles.d file without .conf is ignored by the tool: lint says so; a duplicate line is the tool message, on its line', async () => {
    expect(
      await check({
        'a/lib/tmpfiles.d/nut-common.tmpfiles': 'd /run/nut 0750 ghost ghost -\n',
        'a/lib/tmpfiles.d/dup.conf': 'd /run/dup 0755 root root -\nd /run/dup 0750 root root -\n',
      }),
    ).toEqual(['a/lib/tmpfiles.d/dup.conf:2 image-tool-message defect (systemd-tmpfiles)', 'a/lib/tmpfiles.d/nut-common.tmpfiles:1 conf-suffix-missing defect (lint)']);
  });

  test('--base: what a known-good system shows alone is left out', async () => {
    const entries = {
      'good/lib/tmpfiles.d/good.conf': 'd /var/lib/good 0750 legacy legacy -\n',
      'new/lib/tmpfiles.d/new.conf': 'd /var/lib/new 0750 newowner root -\n',
    };
    expect(await check(entries)).toEqual(['good/lib/tmpfiles.d/good.conf:1 image-tmpfiles-unknown-owner defect (systemd-tmpfiles)', 'good/lib/tmpfiles.d/good.conf:1 image-tmpfiles-unknown-owner defect', 'new/lib/tmpfiles.d/new.conf:1 image-tmpfiles-unknown-owner defect (systemd-tmpfiles)']);
    const { dir, paths, host } = closure(entries);
    const report = await imageCheck({ paths: paths.filter((p) => p.endsWith('/new')), base: [path.join(dir, 'good')], neighbourPrefixes: [host] });
    expect(report.findings.map((f) => path.relative(dir, f.path))).toEqual(['new/lib/tmpfiles.d/new.conf']);
    expect(report.inBaseline).toBe(2);
  });

  test('the etc layout puts units in /etc/systemd/system; files are copied, not linked; the image folder is kept when asked', async () => {
    const { dir, paths, host } = closure({ [`a/${SERVICE}`]: '[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n' });
    const keep = path.join(dir, 'image');
    await imageCheck({ paths, neighbourPrefixes: [host], layout: LAYOUTS['etc']!, keepRoot: keep });
    const copied = path.join(keep, 'etc/systemd/system/food.service');
    expect(fs.lstatSync(copied).isFile()).toBe(true);
    // The skeleton of the store path sits at its own absolute path.
    expect(fs.statSync(path.join(keep, paths[0]!, SERVICE)).size).toBe(0);
    expect(fs.readlinkSync(path.join(keep, 'etc/systemd/system/multi-user.target.wants/food.service'))).toBe('/etc/systemd/system/food.service');
  });
});
