import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, REPO } from './cli.js';

/**
 * A scratch folder with the setup hook, its @unitfix@ replaced by a launcher
 * of this checkout's built CLI, as makeSetupHook's substitution would.
 * `stamp` changes whenever the CLI or the hook changes, so a derivation that
 * carries it is rebuilt instead of taken from the store.
 */
export function hookWorkspace(): { dir: string; hook: string; stamp: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-nix-'));
  const launcher = path.join(dir, 'unitfix');
  fs.writeFileSync(launcher, `#!/bin/sh\nexec ${process.execPath} ${BIN} "$@"\n`, { mode: 0o755 });
  const source = fs.readFileSync(path.join(REPO, 'nix-hooks/unitfix-hook.sh'), 'utf8');
  const hook = path.join(dir, 'unitfix-hook.sh');
  fs.writeFileSync(hook, source.replaceAll('@unitfix@', launcher));
  const hash = crypto.createHash('sha256').update(source).update(fs.readFileSync(path.join(REPO, 'dist/unitfix.js')));
  for (const chunk of fs.readdirSync(path.join(REPO, 'dist/chunks')).sort()) hash.update(fs.readFileSync(path.join(REPO, 'dist/chunks', chunk)));
  const stamp = hash.digest('hex').slice(0, 16);
  return { dir, hook, stamp };
}

/** Builds a Nix expression with the real nix-build, no nixpkgs, no sandbox; returns the output paths. */
export function nixBuild(file: string, attr: string): string[] {
  // No sandbox (as the brief's nix-bin setup needs), no binary cache (no network here), and the
  // builder runs as the calling user so it can reach this checkout and node wherever they are.
  const options = ['--option', 'sandbox', 'false', '--option', 'substituters', '', '--option', 'build-users-group', ''];
  const run = spawnSync('nix-build', ['--no-out-link', ...options, file, '-A', attr], {
    encoding: 'utf8',
    env: { ...process.env, NIX_REMOTE: 'local' },
  });
  if (run.status !== 0) throw new Error(`nix-build ${attr} failed:\n${run.stderr}`);
  return run.stdout.trim().split('\n');
}

export function nixLog(drvOrOut: string): string {
  return execFileSync('nix-store', ['--read-log', drvOrOut], { encoding: 'utf8', env: { ...process.env, NIX_REMOTE: 'local' } });
}
