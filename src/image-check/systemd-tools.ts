import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TOOLS = ['systemd-sysusers', 'systemd-tmpfiles', 'systemctl'] as const;

/** The systemd whose tools build the image. */
export interface SystemdTools {
  /** Folder of the programs; undefined when none was found. */
  readonly bin?: string;
  /** The store path it came from, when the closure has one. */
  readonly storePath?: string;
  /** The major version systemctl --version reports. */
  readonly version?: number;
  /** For the report: which systemd, and why that one. */
  readonly description: string;
  /** systemd-analyze, for the costly verify step. */
  readonly analyze?: string;
  /** fakeroot, when not root (image builds run the tools under it). */
  readonly fakeroot?: string;
}

function versionOf(systemctl: string): number | undefined {
  const result = spawnSync(systemctl, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /^systemd (\d+)/.exec(result.stdout ?? '');
  return match ? Number(match[1]) : undefined;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':').filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * The closure's systemd when a store path in it has the three tools and
 * they run; else the host's (on PATH). Image builds use the systemd the
 * image will boot, and its messages differ between versions.
 */
export function findSystemd(storePaths: readonly string[]): SystemdTools {
  const fakeroot = process.getuid?.() === 0 ? undefined : onPath('fakeroot');
  for (const storePath of storePaths) {
    const bin = path.join(storePath, 'bin');
    if (!TOOLS.every((t) => fs.existsSync(path.join(bin, t)))) continue;
    const version = versionOf(path.join(bin, 'systemctl'));
    if (version === undefined) continue;
    const analyze = fs.existsSync(path.join(bin, 'systemd-analyze')) ? path.join(bin, 'systemd-analyze') : undefined;
    return { bin, storePath, version, description: `systemd ${version} from the closure (${storePath})`, ...(analyze ? { analyze } : {}), ...(fakeroot ? { fakeroot } : {}) };
  }
  const found = TOOLS.map(onPath);
  if (found.some((f) => f === undefined)) {
    const missing = TOOLS.filter((_, i) => found[i] === undefined).join(', ');
    return { description: `no systemd: the closure has none and ${missing} is not on PATH`, ...(fakeroot ? { fakeroot } : {}) };
  }
  const bin = path.dirname(found[2]!);
  const version = versionOf(found[2]!);
  const analyze = onPath('systemd-analyze');
  return {
    bin,
    ...(version !== undefined ? { version } : {}),
    description: `systemd ${version ?? '(unknown version)'} of the host (${bin}): the closure has none`,
    ...(analyze ? { analyze } : {}),
    ...(fakeroot ? { fakeroot } : {}),
  };
}

/** One run of a tool: its messages in the order it wrote them, stdout and stderr together. */
export interface StepRun {
  readonly step: string;
  readonly argv: readonly string[];
  readonly status: number | null;
  readonly lines: readonly string[];
  readonly milliseconds: number;
}

/** A tool's output is read up to this many bytes: a runaway tool cannot fill memory. */
const MAX_OUTPUT = 16 << 20;
/** And it may run this long. */
const STEP_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs a tool with both of its streams into one file, so that its
 * messages keep their order (which unit a message is about can depend on
 * the line before). Plain text, in English, no pager, no colours.
 */
export function runStep(step: string, argv: readonly string[], tools: SystemdTools): StepRun {
  const full = tools.fakeroot ? [tools.fakeroot, '--', ...argv] : [...argv];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-step-'));
  const out = path.join(scratch, 'output');
  const fd = fs.openSync(out, 'w');
  const started = performance.now();
  let status: number | null;
  try {
    const result = spawnSync(full[0]!, full.slice(1), {
      stdio: ['ignore', fd, fd],
      timeout: STEP_TIMEOUT_MS,
      env: { ...process.env, LC_ALL: 'C', SYSTEMD_COLORS: '0', SYSTEMD_PAGER: '', SYSTEMD_LOG_LOCATION: '0', SYSTEMD_LOG_TIME: '0', SYSTEMD_LOG_TID: '0' },
    });
    status = result.error ? null : result.status;
    if (result.error) fs.writeSync(fd, `unitfix: cannot run ${full[0]}: ${(result.error as NodeJS.ErrnoException).code ?? String(result.error)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  const milliseconds = performance.now() - started;
  const size = fs.statSync(out).size;
  const buffer = Buffer.alloc(Math.min(size, MAX_OUTPUT));
  const rfd = fs.openSync(out, 'r');
  fs.readSync(rfd, buffer, 0, buffer.length, 0);
  fs.closeSync(rfd);
  fs.rmSync(scratch, { recursive: true, force: true });
  const lines = buffer.toString('utf8').split('\n').filter((l) => l.trim() !== '');
  return { step, argv: full, status, lines, milliseconds };
}
