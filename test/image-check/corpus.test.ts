import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { imageCheck, type ImageCheckReport } from '../../src/image-check/image-check.js';
import { corpusEntries, corpusMissing } from '../helpers/corpus.js';
import { layOut } from '../helpers/corpus-outputs.js';
import { describeIfPresent } from '../helpers/skip.js';
import { missingTool } from '../helpers/tools.js';

const TOOLS = ['systemd-sysusers', 'systemd-tmpfiles', 'systemctl'];

describeIfPresent(corpusMissing() ?? TOOLS.map(missingTool).find(Boolean), 'image-check on the Debian corpus laid out as a closure, after unitfix fix', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-image-corpus-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  let report: ImageCheckReport;

  beforeAll(async () => {
    const byPackage = new Map<string, ReturnType<typeof corpusEntries>>();
    for (const e of corpusEntries()) byPackage.set(e.package, [...(byPackage.get(e.package) ?? []), e]);
    const roots = [...byPackage].map(([pkg, entries]) => {
      layOut(entries, path.join(scratch, pkg));
      return path.join(scratch, pkg);
    });
    await fixPaths({ paths: roots, searchPath: [], dependencies: [], storeDir: '/nix/store' });
    // The host's vendor folders are not asked: a neighbour is whatever the corpus lacks, on any machine.
    report = await imageCheck({ paths: roots, storeDir: '/nix/store', neighbourPrefixes: [] });
  }, 120_000);

  test('every finding is on a file of the corpus, at a line it has', () => {
    expect(report.errors).toEqual([]);
    for (const f of report.findings) {
      expect(f.path.startsWith(scratch)).toBe(true);
      const lines = fs.readFileSync(f.path, 'latin1').split('\n');
      expect({ f: `${f.path}:${f.line}`, inFile: f.line <= lines.length }).toEqual({ f: `${f.path}:${f.line}`, inFile: true });
    }
  });

  test('findings per rule and cause (a regression guard: a change here must be explained)', () => {
    const counts: Record<string, number> = {};
    for (const f of report.findings) counts[`${f.ruleId} ${f.cause}`] = (counts[`${f.ruleId} ${f.cause}`] ?? 0) + 1;
    expect(counts).toEqual(EXPECTED_COUNTS);
  });
});

/**
 * Counted on the bookworm corpus (72 packages) with systemd 252's tools; each is true of Debian's
 * files on a hermetic-/usr image (an empty /etc, accounts only from sysusers.d). The corpus holds
 * no sysusers.d file for the accounts Debian makes in maintainer scripts (adduser), and the host's
 * vendor folders are not asked, so everything is a defect, none a neighbour.
 */
const EXPECTED_COUNTS: Record<string, number> = {
  // nfs-common's /etc/krb5.keytab (3 units), systemd's /etc/initrd-release and /system-update (made
  // by the initrd and by an offline update), /sbin/quotaon and /sbin/quotacheck (FHS paths a
  // hermetic-/usr image lacks). /proc, /sys, /dev and conditions under /run are not judged.
  'image-condition-never-met defect': 7,
  // colord (user and group, 3 lines), postgresql-common (postgres: user and group, and a group on
  // another line), rpcbind's _rpc, udev's kvm group (3 lines): all made by adduser in postinst.
  'image-tmpfiles-unknown-owner defect': 13,
  // Requires=dbus.socket (dbus, dbus-broker, packagekit) and dm-event.socket (lvm2): the corpus has
  // dbus.service and lvm2 but not the packages shipping those sockets (dbus-system-bus-common, dmeventd).
  'image-unit-dangling-reference defect': 4,
  // acpid's EnvironmentFile=/etc/default/acpid (a conffile) and openvpn's four WorkingDirectory=/etc/openvpn….
  'image-unit-missing-path defect': 5,
  // _chrony, colord, postgres (4 template units), and docker.socket's SocketGroup=docker: adduser/addgroup in postinst.
  'image-unit-unknown-user defect': 7,
  // systemd's rc-local.service runs /etc/rc.local.
  'unit-command-in-etc defect': 1,
};
