import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';
import { describeIfTool } from '../helpers/tools.js';

const NIX_FILES = ['default.nix', 'flake.nix', 'nix-hooks/package.nix', 'test/nix/fixtures/units.nix'];

function nix(args: string[]): { status: number; stdout: string; stderr: string } {
  // As root without a nixbld group (Debian's nix-bin creates none), Nix warns on every call unless builds run as the caller.
  const run = spawnSync('nix-instantiate', ['--option', 'build-users-group', '', ...args], { encoding: 'utf8', env: { ...process.env, NIX_REMOTE: 'local' } });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Without nixpkgs on this machine the package cannot be built here; every .nix
 * file is parsed by the real Nix, and package.nix and flake.nix are evaluated
 * against stand-ins for the nixpkgs functions they call, which record their
 * arguments. The hook's run-time behaviour is covered by test/nix/hook.test.ts.
 */
describeIfTool('nix-instantiate', 'the Nix files', () => {
  test.each(NIX_FILES)('%s parses', (file) => {
    const result = nix(['--parse', path.join(REPO, file)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('package.nix: buildNpmPackage from package-lock.json, and a hook whose @unitfix@ is the CLI', () => {
    const stub = `
      let
        lib = { importJSON = f: builtins.fromJSON (builtins.readFile f); licenses.mit = "mit"; platforms.linux = [ "x86_64-linux" ]; };
        makeSetupHook = attrs: script: { hookName = attrs.name; inherit (attrs) substitutions; script = builtins.baseNameOf script; };
        importNpmLock = { __functor = self: args: { lockOf = args.npmRoot; }; npmConfigHook = "importNpmLock.npmConfigHook"; };
        buildNpmPackage = f: let attrs = f { finalPackage = "/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-unitfix"; }; in attrs;
        pkg = import ${path.join(REPO, 'nix-hooks/package.nix')} { inherit lib makeSetupHook importNpmLock buildNpmPackage; nodejs_20 = "node20"; src = ${REPO}; };
      in { inherit (pkg) pname version meta; hook = pkg.passthru.hook; npmConfigHook = pkg.npmConfigHook; }`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-nix-eval-'));
    fs.writeFileSync(path.join(dir, 'eval.nix'), stub);
    const result = nix(['--eval', '--strict', '--json', path.join(dir, 'eval.nix')]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.stderr).toBe('');
    const value = JSON.parse(result.stdout);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect(value).toMatchObject({
      pname: 'unitfix',
      version: pkg.version,
      meta: { mainProgram: 'unitfix' },
      npmConfigHook: 'importNpmLock.npmConfigHook',
      hook: { hookName: 'unitfix-hook', substitutions: { unitfix: '/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-unitfix/bin/unitfix' }, script: 'unitfix-hook.sh' },
    });
  });

  test('flake.nix: packages.<system>.default, the hook and an overlay', () => {
    const stub = `
      let
        flake = import ${path.join(REPO, 'flake.nix')};
        callPackage = p: args: { fromPackageNix = builtins.baseNameOf p; hook = "hook-of-unitfix"; };
        nixpkgs = { lib.genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names); legacyPackages = { x86_64-linux = { inherit callPackage; }; aarch64-linux = { inherit callPackage; }; }; };
        outputs = flake.outputs { self = "self"; inherit nixpkgs; };
      in {
        description = flake.description;
        default = outputs.packages.x86_64-linux.default.fromPackageNix;
        hook = outputs.packages.x86_64-linux.hook;
        overlay = (outputs.overlays.default { inherit callPackage; } { }).unitfix.fromPackageNix;
      }`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-nix-eval-'));
    fs.writeFileSync(path.join(dir, 'eval.nix'), stub);
    const result = nix(['--eval', '--strict', '--json', path.join(dir, 'eval.nix')]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ default: 'package.nix', hook: 'hook-of-unitfix', overlay: 'package.nix' });
  });
});
