import fs from 'node:fs';
import path from 'node:path';

const TEMP_PATTERN = /^\.(.+)\.unitfix-(\d+)-[0-9a-z]+\.tmp$/;

/** The longest name a Linux file system takes, in bytes; a unit's name may be that long itself. */
const NAME_MAX = 255;

function tempName(target: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  const suffix = `.unitfix-${process.pid}-${random}.tmp`;
  // The start of the target's name, whole characters only, as much as fits: enough to tell whose it is.
  const budget = NAME_MAX - 1 - Buffer.byteLength(suffix);
  const name = path.basename(target);
  if (Buffer.byteLength(name) <= budget) return path.join(path.dirname(target), `.${name}${suffix}`);
  let stem = '';
  let bytes = 0;
  for (const char of name) {
    bytes += Buffer.byteLength(char);
    if (bytes > budget) break;
    stem += char;
  }
  return path.join(path.dirname(target), `.${stem}${suffix}`);
}

/**
 * Replaces `target` with `data` so that a reader (or a crash) sees either the
 * old or the new content, never a mix: the bytes go to a temporary file in
 * the same directory, which then takes the target's mode and times and is
 * renamed over it. Synchronous: a fixer writes many small files one after
 * another, and each async step would be a thread-pool round trip. `target` must be a real path (no symlink in it): callers
 * resolve links first, so a write never goes through one.
 *
 * `durable`: the temporary file's data reach the disk before the rename, as
 * git and dpkg do for files they replace, so that a power cut cannot leave
 * an empty file behind the new name (ext4 without auto_da_alloc, XFS). The
 * folder still has to be synced after the rename for the new name itself to
 * be durable: see syncFolder.
 */
export function writeFileAtomic(target: string, data: Uint8Array, original: { mode: number; atime: Date; mtime: Date }, durable = false): void {
  const temp = tempName(target);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fchmodSync(fd, original.mode & 0o7777);
      fs.futimesSync(fd, original.atime, original.mtime);
      if (durable) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Makes the renames done in a folder durable (the folder's entries reach the disk). */
export function syncFolder(folder: string): void {
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Inside a Nix build a crash fails the build and nothing is registered, so
 * the rename alone is enough; in a user's tree (`lint --fix`, pre-commit) the
 * data are synced. nix-shell sets NIX_BUILD_TOP too, but works on the user's files.
 */
export function insideNixBuild(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['NIX_BUILD_TOP'] !== undefined && env['IN_NIX_SHELL'] === undefined;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A temporary file a killed run left behind (its process is gone): safe to
 * delete. Files of a run still going are left alone.
 */
export function isStaleTempFile(name: string): boolean {
  const match = TEMP_PATTERN.exec(name);
  return match !== null && !isAlive(Number(match[2]));
}

export function isTempFile(name: string): boolean {
  return TEMP_PATTERN.test(name);
}
