import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintPaths } from '../../src/lint/engine.js';
import type { Finding } from '../../src/lint/types.js';
import { classifyExecutable } from '../../src/resolve/fhs-path.js';
import { corpusEntries, describeIfCorpus } from '../helpers/corpus.js';
import { layOut } from '../helpers/corpus-outputs.js';

/**
 * Each finding on the corpus must be true, checked independently of the rule's own code,
 * by looking at the line or file it names.
 */
const TRUTH: Record<string, (f: Finding, line: string | undefined) => boolean> = {
  'unit-command-fhs': (f, line) => {
    const word = /runs (?:'([^']+)'|(\S+),)/.exec(f.message);
    const program = word?.[1] ?? word?.[2] ?? '';
    const kind = classifyExecutable(program, '/nix/store').kind;
    return (kind === 'fhs' || kind === 'bare') && line !== undefined && line.slice(f.column - 1).replace(/^["']?[-@:+!|]*/, '').startsWith(program);
  },
  'unit-setting-fhs-path': (f, line) => {
    const p = / names (\S+),/.exec(f.message)?.[1] ?? '';
    return line !== undefined && line.includes(p) && (/^\/usr\//.test(p) || /^\/(bin|sbin|lib)\//.test(p) || p.startsWith('/etc/'));
  },
  'unit-argument-fhs': (f, line) => {
    const p = /(\/(?:usr|bin|sbin|lib|lib64)\/[^\s:,]+)/.exec(f.message)?.[1] ?? '';
    return p !== '' && line !== undefined && /^\s*Exec\w+\s*=/.test(line) && line.slice(f.column - 1).includes(p) && !line.slice(0, line.indexOf('=')).includes(p);
  },
  'unit-unknown-key': (f, line) => {
    const key = /know (\S+)= in/.exec(f.message)?.[1];
    const section = /section \[([^\]]+)\]/.exec(f.message)?.[1];
    return line !== undefined && ((key !== undefined && line.trim().startsWith(key)) || (section !== undefined && line.includes(`[${section}]`)));
  },
  'protect-system': (_f, line) => line !== undefined && /^\s*ProtectSystem\s*=\s*(yes|true|on|1|full)\s*$/i.test(line),
  'unit-location': (f) => !/\/lib\/systemd\/(system|user)\/|\/share\/systemd\/user\/|\/lib\/(tmpfiles|sysusers)\.d\//.test(f.path),
  'pc-fhs-variable': (f, line) =>
    line !== undefined &&
    (/(=|:\s.*)(.*\s)?(-[IL])?\/(usr|etc|lib|lib64)(\/|\s|$)/.test(line) || (/ is empty, so /.test(f.message) && /^[A-Za-z0-9_.]+=\s*$/.test(line))),
  'tmpfiles-fhs-target': (_f, line) => line !== undefined && /\/usr\//.test(line) && /^\s*[LC]/.test(line),
  'tmpfiles-implicit-source': (_f, line) => line !== undefined && /^\s*[LC][^\s]*\s+\S+(\s+-)*\s*$/.test(line),
  'tmpfiles-creates-in-usr': (_f, line) => line !== undefined && /^\s*\S+\s+"?\/usr\//.test(line),
  'sysusers-fhs-path': (_f, line) => line !== undefined && /\/(usr|bin|sbin)\//.test(line),
  'unit-command-in-etc': (f, line) => line !== undefined && /^\s*Exec\w+\s*=/.test(line) && line.slice(f.column - 1).startsWith('/etc/'),
  'conf-suffix-missing': (f) => /\/(tmpfiles|sysusers)\.d\/[^/]+$/.test(f.path) && !f.path.endsWith('.conf'),
  'udev-program-fhs': (f, line) => {
    const program = /(?:runs|program|looks for|: ) ?(\S+?)(?::| from| in| is under)/.exec(f.message)?.[1] ?? '';
    const kind = classifyExecutable(program, '/nix/store').kind;
    return (kind === 'fhs' || kind === 'bare') && line !== undefined && line.slice(f.column - 1).startsWith(program) && /(RUN|PROGRAM|IMPORT\{program\})\s*[+:]?=+\s*"\s*$/.test(line.slice(0, f.column - 1));
  },
  'forbidden-folder': (f) => /lib\/(credstore|kernel|rpm|systemd)/.test(f.path),
  'dbus-exec-fhs': (f, line) => {
    const program = /(\/\S+?):? /.exec(f.message.replace(/^Exec=: (cannot resolve )?/, ''))?.[1] ?? '';
    return /\/dbus-1\/(system-)?services\/[^/]+\.service$/.test(f.path) && line !== undefined && line.startsWith('Exec=') && f.column === 6 && line.slice(5).startsWith(program) && classifyExecutable(program, '/nix/store').kind === 'fhs';
  },
};

describeIfCorpus('lint on the Debian corpus laid out as store outputs', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-lint-corpus-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const byPackage = new Map<string, ReturnType<typeof corpusEntries>>();
  for (const e of corpusEntries()) byPackage.set(e.package, [...(byPackage.get(e.package) ?? []), e]);
  let findings: Finding[] = [];

  beforeAll(async () => {
    const roots = [...byPackage].map(([pkg, entries]) => {
      layOut(entries, path.join(scratch, pkg));
      return path.join(scratch, pkg);
    });
    findings = [...(await lintPaths({ paths: roots, storeDir: '/nix/store' })).findings];
  });

  test('every finding is true', () => {
    expect(findings.length).toBeGreaterThan(300);
    const wrong: string[] = [];
    for (const f of findings) {
      const lines = fs.existsSync(f.path) && fs.statSync(f.path).isFile() ? fs.readFileSync(f.path, 'latin1').split(/\r\n|\n|\r/) : [];
      const check = TRUTH[f.ruleId];
      if (!check || !check(f, lines[f.line - 1])) wrong.push(`${path.relative(scratch, f.path)}:${f.line}:${f.column} ${f.ruleId}: ${f.message}`);
    }
    expect(wrong).toEqual([]);
  });

  test('findings per rule (a regression guard: a change here must be explained)', () => {
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
    expect(counts).toEqual(EXPECTED_COUNTS);
  });
});

/**
 * Counted on the bookworm corpus (71 packages) and checked one by one by the truth test above.
 * syncthing, dbus-broker, iwd, udisks2 and colord added 11 unit-command-fhs and 2 protect-system.
 */
const EXPECTED_COUNTS: Record<string, number> = {
  // Every regular activation file (28 less a symlink): each Exec= is /bin/false or a program under /usr the layout lacks.
  'dbus-exec-fhs': 27,
  'pc-fhs-variable': 83, // 80 under /usr or /etc; + libdir=/lib (libdmmp.pc), udev_dir=/lib/udev (udev.pc), root_prefix= (systemd.pc)
  'protect-system': 13, // 27 ProtectSystem= lines, 14 of them strict (which covers /nix/store)
  'sysusers-fhs-path': 21,
  'tmpfiles-fhs-target': 1,
  // udev rules of bluez, ifupdown, lvm2, mdadm, multipath-tools, …: programs under /sbin, /bin, /usr/bin and helpers from udev's folder.
  'udev-program-fhs': 37,
  // ifupdown's and wireguard's sh -c scripts (/sbin/ifup, [ -x /bin/udevadm ], /usr/bin/wg, /usr/bin/wg-quick)
  // and tor's --defaults-torrc /usr/share/tor/…: none found, as the corpus lays out units without the rest.
  'unit-argument-fhs': 7,
  'unit-command-fhs': 295,
  'unit-command-in-etc': 1, // systemd's rc-local.service: ExecStart=/etc/rc.local (Debian's compatibility unit) // 284 in the first 66 packages; the five added for hand patches and D-Bus bring 11
  'unit-setting-fhs-path': 21,
};
