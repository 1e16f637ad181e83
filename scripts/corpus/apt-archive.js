// What the Debian archive offers, as apt on this machine sees it: the candidate
// version of a package with the SHA256 of its .deb, and the download itself.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

// As root, apt drops to the _apt user to download, which cannot write into a
// folder under /root; downloading as root avoids a warning per package.
const SANDBOX = process.getuid?.() === 0 ? ['-o', 'APT::Sandbox::User=root'] : [];

/** True once `apt-get update` has left package lists to read. */
export function aptHasLists() {
  const listed = execFileSync('apt-get', ['indextargets', '--format', '$(FILENAME)', 'Identifier: Packages'], { encoding: 'utf8' });
  return listed.split('\n').some((file) => file !== '' && fs.existsSync(file));
}

/**
 * The candidates apt would install, by name: { name, version, architecture, sha256 }.
 * Names no list knows are absent. One apt-cache call: without a saved package
 * cache, each call spends a second or more reading the lists.
 */
export async function candidates(names) {
  let stdout = '';
  try {
    ({ stdout } = await run('apt-cache', ['show', '--no-all-versions', ...names], { maxBuffer: 64 << 20 }));
  } catch (error) {
    // apt-cache fails when it finds none of the names; any it did find are still on stdout.
    stdout = String(error.stdout ?? '');
  }
  const found = new Map();
  for (const stanza of stdout.split(/\n\n+/)) {
    const field = (key) => new RegExp(`^${key}: (.*)$`, 'm').exec(stanza)?.[1];
    const name = field('Package');
    const version = field('Version');
    const sha256 = field('SHA256');
    if (name && version && sha256 && names.includes(name) && !found.has(name)) {
      found.set(name, { name, version, architecture: field('Architecture') ?? 'all', sha256 });
    }
  }
  return found;
}

/** The file name apt-get download gives a package's .deb (the epoch's colon is escaped). */
export function debFileName(pkg) {
  return `${pkg.name}_${pkg.version.replaceAll(':', '%3a')}_${pkg.architecture}.deb`;
}

export async function sha256Of(file) {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Downloads the exact versions of `pkgs` into `dir` with one apt-get call.
 * Rejects with apt-get's last error line when the archive cannot be reached.
 */
export async function download(pkgs, dir) {
  if (pkgs.length === 0) return;
  try {
    await run('apt-get', ['download', '-q', ...SANDBOX, ...pkgs.map((p) => `${p.name}=${p.version}`)], { cwd: dir, maxBuffer: 16 << 20 });
  } catch (error) {
    const lines = String(error.stderr ?? error.message).trim().split('\n');
    throw new Error(lines.filter((l) => l.startsWith('E:')).at(-1) ?? lines.at(-1));
  }
}
