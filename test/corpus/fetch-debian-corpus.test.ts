import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';
import { pkgconf } from '../helpers/pkgconf.js';
import { describeIfPresent } from '../helpers/skip.js';

/**
 * The corpus fetcher on four small packages (one with an epoch in its
 * version) and a name the archive lacks, into a scratch folder: what it
 * extracts is what the .deb holds, every .deb is the one apt's lists hash,
 * and a corrupted cached .deb is fetched again.
 */
const FETCHER = path.join(REPO, 'scripts/corpus/fetch-debian-corpus.js');
const PACKAGES = ['dbus-user-session', 'systemd-timesyncd', 'zlib1g-dev', 'libsystemd-dev'];
const UNKNOWN = 'unitfix-no-such-package';

function fetcher(...args: string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [FETCHER, ...args], { encoding: 'utf8' });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** What this machine lacks to fetch, as the fetcher says it; undefined when it can. */
function cannotFetch(): string | undefined {
  const check = fetcher('--check');
  return check.status === 0 ? undefined : check.stdout.trim().replace(/^unavailable: /, '');
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const tsv = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));

/** apt's own word on the packages, asked directly (once: each apt-cache call reads all lists). */
let aptAnswers: Map<string, { version: string; sha256: string }> | undefined;
function aptShow(name: string): { version: string; sha256: string } {
  if (!aptAnswers) {
    aptAnswers = new Map();
    for (const stanza of execFileSync('apt-cache', ['show', '--no-all-versions', ...PACKAGES], { encoding: 'utf8' }).split(/\n\n+/)) {
      const field = (key: string) => new RegExp(`^${key}: (.*)$`, 'm').exec(stanza)?.[1];
      if (field('Package')) aptAnswers.set(field('Package')!, { version: field('Version')!, sha256: field('SHA256')! });
    }
  }
  return aptAnswers.get(name)!;
}

describeIfPresent(cannotFetch(), 'fetching the Debian corpus from the archive', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-fetch-'));
  const out = path.join(scratch, 'corpus');
  const debs = path.join(out, '.debs');
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  let first: ReturnType<typeof fetcher>;
  beforeAll(() => {
    first = fetcher('--out', out, ...PACKAGES, UNKNOWN);
  });

  test('a package the archive lacks is skipped with one line; the others are fetched', () => {
    expect([first.status, first.stderr]).toEqual([0, expect.any(String)]);
    expect(first.stderr.split('\n').filter((l) => l.includes(UNKNOWN))).toEqual([
      `fetch-debian-corpus: skipped ${UNKNOWN}: apt's lists have no such package (apt-cache policy ${UNKNOWN})`,
    ]);
    expect(first.stdout).toMatch(new RegExp(`^corpus in ${out}: 4 packages \\(skipped, unknown to apt: ${UNKNOWN}\\)`));
  });

  test('PACKAGES.tsv pins each package to the version and SHA256 apt lists, which the cached .deb has', () => {
    const [header, ...rows] = tsv(path.join(out, 'PACKAGES.tsv'));
    expect(header).toEqual(['package', 'version', 'architecture', 'sha256']);
    expect(rows.map((r) => r[0])).toEqual(PACKAGES);
    for (const [name, version, architecture, sum] of rows) {
      const apt = aptShow(name!);
      expect([version, sum]).toEqual([apt.version, apt.sha256]);
      expect(sha256(path.join(debs, `${name}_${version!.replace(':', '%3a')}_${architecture}.deb`))).toBe(apt.sha256);
    }
  });

  test("MANIFEST.tsv lists the package's units, symlinks, .pc and other files of each kind, as the .deb holds them, and neither binaries nor headers", () => {
    const [header, ...rows] = tsv(path.join(out, 'MANIFEST.tsv'));
    expect(header).toEqual(['package', 'version', 'path', 'kind', 'link_target']);
    const listed = new Map(rows.map(([pkg, , file, kind, link]) => [file!, { pkg: pkg!, kind: kind!, link: link ?? '' }]));
    expect(Object.fromEntries(listed)).toEqual({
      'dbus-user-session/usr/lib/systemd/user/dbus.service': { pkg: 'dbus-user-session', kind: 'unit', link: '' },
      'dbus-user-session/usr/lib/systemd/user/dbus.socket': { pkg: 'dbus-user-session', kind: 'unit', link: '' },
      'dbus-user-session/usr/lib/systemd/user/sockets.target.wants/dbus.socket': { pkg: 'dbus-user-session', kind: 'unit', link: '../dbus.socket' },
      'systemd-timesyncd/etc/systemd/timesyncd.conf': { pkg: 'systemd-timesyncd', kind: 'systemd-conf', link: '' },
      'systemd-timesyncd/lib/systemd/ntp-units.d/80-systemd-timesync.list': { pkg: 'systemd-timesyncd', kind: 'systemd-other', link: '' },
      'systemd-timesyncd/lib/systemd/system/systemd-timesyncd.service': { pkg: 'systemd-timesyncd', kind: 'unit', link: '' },
      'systemd-timesyncd/usr/lib/sysusers.d/systemd-timesync.conf': { pkg: 'systemd-timesyncd', kind: 'sysusers', link: '' },
      'systemd-timesyncd/usr/share/dbus-1/system-services/org.freedesktop.timesync1.service': { pkg: 'systemd-timesyncd', kind: 'dbus-system-service', link: '' },
      'zlib1g-dev/usr/lib/x86_64-linux-gnu/pkgconfig/zlib.pc': { pkg: 'zlib1g-dev', kind: 'pkgconfig', link: '' },
      'libsystemd-dev/usr/lib/x86_64-linux-gnu/pkgconfig/libsystemd.pc': { pkg: 'libsystemd-dev', kind: 'pkgconfig', link: '' },
    });
    for (const [file, { pkg, link }] of listed) {
      const deb = fs.readdirSync(debs).find((d) => d.startsWith(`${pkg}_`))!;
      const inDeb = `./${file.slice(pkg.length + 1)}`;
      const onDisk = path.join(out, file);
      if (link) expect(fs.readlinkSync(onDisk)).toBe(link);
      else expect(fs.readFileSync(onDisk)).toEqual(execFileSync('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -xO "$2"', 'sh', path.join(debs, deb), inDeb]));
    }
    // Left out on purpose: the daemon itself (binary) beside the units, and C headers.
    const members = (pkg: string) => execFileSync('dpkg-deb', ['-c', path.join(debs, fs.readdirSync(debs).find((d) => d.startsWith(`${pkg}_`))!)], { encoding: 'utf8' });
    expect(members('systemd-timesyncd')).toContain(' ./lib/systemd/systemd-timesyncd\n');
    expect(members('libsystemd-dev')).toContain(' ./usr/include/systemd/sd-daemon.h\n');
  });

  test('pkgconf-oracle.jsonl holds what pkgconf answers for each .pc file', () => {
    const records = fs
      .readFileSync(path.join(out, 'pkgconf-oracle.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.file).sort()).toEqual(['libsystemd-dev/usr/lib/x86_64-linux-gnu/pkgconfig/libsystemd.pc', 'zlib1g-dev/usr/lib/x86_64-linux-gnu/pkgconfig/zlib.pc']);
    for (const record of records) {
      const dir = path.join(out, record.dir);
      expect(record.exit).toEqual({ print_variables: 0, modversion: 0, cflags: 0, libs: 0, validate: 0 });
      expect(record.modversion).toBe(pkgconf([dir], ['--modversion', record.name]).stdout);
      expect(record.libs).toBe(pkgconf([dir], ['--libs', record.name]).stdout);
      expect(Object.keys(record.variables).sort()).toEqual(pkgconf([dir], ['--print-variables', record.name]).stdout.split('\n').sort());
      expect(record.variables.prefix).toBe('/usr');
      expect(record.variables.pcfiledir).toBe(record.dir);
      expect(record.missing_deps).toEqual([]);
      expect(record.with_stub_deps).toBeNull();
    }
  });

  test('a cached .deb whose SHA256 is not apt’s is fetched again; an intact cache is only read', () => {
    const manifest = fs.readFileSync(path.join(out, 'MANIFEST.tsv'));
    const zlib = path.join(debs, fs.readdirSync(debs).find((d) => d.startsWith('zlib1g-dev_'))!);
    const bytes = fs.readFileSync(zlib);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    fs.writeFileSync(zlib, bytes);

    const again = fetcher('--out', out, ...PACKAGES);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`fetch-debian-corpus: ${path.basename(zlib)} does not have the SHA256 apt lists for it: fetching it again`);
    expect(again.stderr).toContain('fetch-debian-corpus: downloading 1 package(s): zlib1g-dev\n');
    expect(sha256(zlib)).toBe(aptShow('zlib1g-dev').sha256);

    const cached = fetcher('--out', out, ...PACKAGES);
    expect(cached.status).toBe(0);
    expect(cached.stderr).toBe('');
    expect(fs.readFileSync(path.join(out, 'MANIFEST.tsv'))).toEqual(manifest);
  });
});
