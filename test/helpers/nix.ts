import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, REPO } from './cli.js';

/**
 * The environment every Nix command of the tests runs in: a local store, no
 * sandbox (as the brief's nix-bin setup needs), no binary cache (no network
 * here), and builders run as the calling user, so they can reach this
 * checkout and node wherever they are. Given as NIX_CONFIG so that no
 * `nixbld` group is needed on the machine (Debian's nix-bin does not make one).
 */
export function nixEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NIX_REMOTE: 'local', NIX_CONFIG: ['build-users-group =', 'sandbox = false', 'substituters ='].join('\n') };
}

/**
 * A scratch folder with a launcher of this checkout's built CLI, which the
 * test expression substitutes for the hook's @unitfix@ as makeSetupHook
 * would. `stamp` changes whenever the CLI or the hook changes, so a
 * derivation that carries it is rebuilt instead of taken from the store.
 */
export function hookWorkspace(): { dir: string; launcher: string; stamp: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-nix-'));
  const launcher = path.join(dir, 'unitfix');
  fs.writeFileSync(launcher, `#!/bin/sh\nexec ${process.execPath} ${BIN} "$@"\n`, { mode: 0o755 });
  const hash = crypto.createHash('sha256').update(fs.readFileSync(path.join(REPO, 'nix-hooks/unitfix-hook.sh'))).update(fs.readFileSync(path.join(REPO, 'dist/unitfix.js')));
  for (const chunk of fs.readdirSync(path.join(REPO, 'dist/chunks')).sort()) hash.update(fs.readFileSync(path.join(REPO, 'dist/chunks', chunk)));
  const stamp = hash.digest('hex').slice(0, 16);
  return { dir, launcher, stamp };
}

/** Builds a Nix expression with the real nix-build, no nixpkgs, no sandbox; returns the output paths. */
export function nixBuild(file: string, attr: string): string[] {
  const run = spawnSync('nix-build', ['--no-out-link', file, '-A', attr], { encoding: 'utf8', env: nixEnv() });
  if (run.status !== 0) throw new Error(`nix-build ${attr} failed:\n${run.stderr}`);
  return run.stdout.trim().split('\n');
}

export function nixLog(drvOrOut: string): string {
  return execFileSync('nix-store', ['--read-log', drvOrOut], { encoding: 'utf8', env: nixEnv() });
}
