import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';
import { nixEnv } from '../helpers/nix.js';
import { describeIfTool } from '../helpers/tools.js';

const NIX_FILES = ['default.nix', 'flake.nix', 'nix-hooks/package.nix', 'nix-hooks/image-check.nix', 'test/nix/fixtures/units.nix'];

function nix(args: string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync('nix-instantiate', args, { encoding: 'utf8', env: nixEnv() });
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

  test('package.nix: buildNpmPackage from package-lock.json, and hooks whose @unitfix@ is the CLI and @fallbackInputs@ the host platform tools', () => {
    const evalPackage = (targetPackages: string) => {
      const stub = `
      let
        lib = { importJSON = f: builtins.fromJSON (builtins.readFile f); licenses.mit = "mit"; platforms.linux = [ "x86_64-linux" ];
                concatMapStringsSep = sep: f: list: builtins.concatStringsSep sep (map f list); };
        makeSetupHook = attrs: script: { hookName = attrs.name; inherit (attrs) substitutions; script = builtins.baseNameOf script; };
        importNpmLock = { __functor = self: args: { lockOf = args.npmRoot; }; npmConfigHook = "importNpmLock.npmConfigHook"; };
        buildNpmPackage = f: let attrs = f { finalPackage = "/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-unitfix"; }; in attrs;
        tools = prefix: builtins.listToAttrs (map (n: { name = n; value = "/nix/store/\${prefix}-\${n}"; }) [ "bash" "coreutils" "procps" "util-linux" "kmod" ]);
        pkg = import ${path.join(REPO, 'nix-hooks/package.nix')} ({ inherit lib makeSetupHook importNpmLock buildNpmPackage; nodejs_20 = "node20"; src = ${REPO}; } // tools "build" // ${targetPackages});
      in { inherit (pkg) pname version meta; inherit (pkg.passthru) hook hookWithoutFallback; npmConfigHook = pkg.npmConfigHook; }`;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-nix-eval-'));
      fs.writeFileSync(path.join(dir, 'eval.nix'), stub);
      const result = nix(['--eval', '--strict', '--json', path.join(dir, 'eval.nix')]);
      fs.rmSync(dir, { recursive: true, force: true });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout);
    };
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const unitfix = '/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-unitfix/bin/unitfix';
    const tools = (prefix: string) => ['bash', 'coreutils', 'procps', 'util-linux', 'kmod'].map((n) => `/nix/store/${prefix}-${n}`).join(' ');
    // Cross: the hook comes from buildPackages; its fallback set from targetPackages, the consumer's host platform.
    expect(evalPackage('{ targetPackages = tools "host"; }')).toMatchObject({
      pname: 'unitfix',
      version: pkg.version,
      meta: { mainProgram: 'unitfix' },
      npmConfigHook: 'importNpmLock.npmConfigHook',
      hook: { hookName: 'unitfix-hook', substitutions: { unitfix, fallbackInputs: tools('host') }, script: 'unitfix-hook.sh' },
      hookWithoutFallback: { substitutions: { unitfix, fallbackInputs: '' } },
    });
    // Where targetPackages lacks them (or is absent), the package set's own.
    expect(evalPackage('{ }').hook.substitutions.fallbackInputs).toBe(tools('build'));
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
  test('image-check.nix: runCommand over closureInfo of the closure (and of the base), running unitfix image-check on its store-paths', () => {
    const stub = `
      let
        lib = { optional = c: x: if c then [ x ] else [ ]; };
        runCommand = name: env: script: { inherit name env script; };
        closureInfo = { rootPaths }: "/nix/store/cccccccccccccccccccccccccccccccc-closure-info-" + builtins.concatStringsSep "+" (map builtins.baseNameOf rootPaths);
        imageCheck = import ${path.join(REPO, 'nix-hooks/image-check.nix')} { inherit lib runCommand closureInfo; unitfix = "UNITFIX"; systemd = "SYSTEMD"; fakeroot = "FAKEROOT"; };
      in {
        plain = imageCheck { closure = [ "/nix/store/aaaa-system" ]; };
        based = imageCheck { closure = [ "/nix/store/aaaa-system" ]; base = [ "/nix/store/bbbb-good" ]; verify = true; layout = "etc"; };
      }`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-nix-eval-'));
    fs.writeFileSync(path.join(dir, 'eval.nix'), stub);
    const result = nix(['--eval', '--strict', '--json', path.join(dir, 'eval.nix')]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.stderr).toBe('');
    const { plain, based } = JSON.parse(result.stdout);
    expect(plain).toMatchObject({
      name: 'unitfix-image-check',
      env: { nativeBuildInputs: ['UNITFIX', 'SYSTEMD', 'FAKEROOT'], closureInfo: '/nix/store/cccccccccccccccccccccccccccccccc-closure-info-aaaa-system', baseInfo: '', imageCheckArgs: ['--layout', 'hermetic-usr'] },
    });
    expect(based.env).toMatchObject({ baseInfo: '/nix/store/cccccccccccccccccccccccccccccccc-closure-info-bbbb-good', imageCheckArgs: ['--layout', 'etc', '--verify'] });
    // The script reads closureInfo's store-paths and fails the build with unitfix's status.
    expect(plain.script).toContain('--store-paths "$closureInfo/store-paths"');
    expect(plain.script).toContain('--base-store-paths "$baseInfo/store-paths"');
    expect(plain.script).toMatch(/unitfix image-check .*\|\| status=\$\?/);
    expect(plain.script).toContain('exit $status');
  });
});
