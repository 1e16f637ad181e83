# unitfix for nixpkgs' callPackage: the CLI built with buildNpmPackage, and
# passthru.hook, the setup hook made with makeSetupHook, whose @unitfix@ is the
# CLI's path. Use the hook with `nativeBuildInputs = [ unitfix.hook ];`.
{
  lib,
  buildNpmPackage,
  importNpmLock,
  makeSetupHook,
  nodejs_20,
  src ? ../.,
}:

let
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

    passthru.hook = makeSetupHook {
      name = "unitfix-hook";
      substitutions.unitfix = "${finalAttrs.finalPackage}/bin/unitfix";
      meta.description = "Setup hook that points systemd units, tmpfiles.d, sysusers.d and .pc files at store paths";
    } ./unitfix-hook.sh;

    meta = {
      description = "Points the systemd units, tmpfiles.d, sysusers.d and pkg-config files a package ships at its own store paths instead of /usr";
      license = lib.licenses.mit;
      mainProgram = "unitfix";
      platforms = lib.platforms.linux;
    };
  });
in
unitfix
