# unitfix for nixpkgs' callPackage: the CLI built with buildNpmPackage, and
# passthru.hook, the setup hook made with makeSetupHook, whose @unitfix@ is the
# CLI's path and @fallbackInputs@ its fallback set of runtime tools. Use the
# hook with `nativeBuildInputs = [ unitfix.hook ];`.
#
# The fallback set is of the host platform: the hook sits in nativeBuildInputs,
# so it is taken from the consumer's buildPackages, and the consumer's own
# packages are this package set's targetPackages (as cc-wrapper reaches them).
# Packages the fallback set itself needs to build (systemd, util-linux, procps,
# kmod, coreutils, bash) use passthru.hookWithoutFallback to avoid a cycle;
# passthru.makeHook { fallbackInputs = [ … ]; } makes a hook with any set.
{
  lib,
  buildNpmPackage,
  importNpmLock,
  makeSetupHook,
  nodejs_20,
  targetPackages ? { },
  bash,
  coreutils,
  procps,
  util-linux,
  kmod,
  src ? ../.,
}:

let
  hostPackage = name: fallback: targetPackages.${name} or fallback;
  defaultFallbackInputs = [
    (hostPackage "bash" bash) # runtimeShell: ExecStart=/bin/sh -c …
    (hostPackage "coreutils" coreutils) # /bin/kill, /bin/true, /bin/false, …
    (hostPackage "procps" procps) # pkill, pgrep
    (hostPackage "util-linux" util-linux) # mount, umount, nologin, flock
    (hostPackage "kmod" kmod) # /sbin/modprobe
  ];

  unitfix = buildNpmPackage (finalAttrs: {
    pname = "unitfix";
    version = (lib.importJSON (src + "/package.json")).version;
    inherit src;
    nodejs = nodejs_20;

    # Dependencies come straight from package-lock.json: no hash to keep in step.
    npmDeps = importNpmLock { npmRoot = src; };
    npmConfigHook = importNpmLock.npmConfigHook;

    # `npm run build` (tsc, then the esbuild bundle of the CLI) is buildNpmPackage's default.
    dontNpmPrune = false;

    passthru = rec {
      makeHook =
        {
          fallbackInputs ? defaultFallbackInputs,
        }:
        makeSetupHook {
          name = "unitfix-hook";
          substitutions = {
            unitfix = "${finalAttrs.finalPackage}/bin/unitfix";
            fallbackInputs = lib.concatMapStringsSep " " toString fallbackInputs;
          };
          meta.description = "Setup hook that points systemd units, tmpfiles.d, sysusers.d and .pc files at store paths";
        } ./unitfix-hook.sh;
      hook = makeHook { };
      hookWithoutFallback = makeHook { fallbackInputs = [ ]; };
    };

    meta = {
      description = "Points the systemd units, tmpfiles.d, sysusers.d and pkg-config files a package ships at its own store paths instead of /usr";
      license = lib.licenses.mit;
      mainProgram = "unitfix";
      platforms = lib.platforms.linux;
    };
  });
in
unitfix
