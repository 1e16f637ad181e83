# unitfix.imageCheck { closure = [ … ]; }: a derivation that builds a throwaway
# image from the closure of `closure` with systemd's own image primitives
# (systemd-sysusers, systemd-tmpfiles, systemctl preset-all) and fails when
# `unitfix image-check` finds an error, so that an image build stops before
# it assembles anything. $out/report.txt holds the report. The setup hook stays per package; this looks at the
# whole closure at once.
#
# The tools come from the closure's systemd when it has one, else from
# `systemd` here; a build runs as an unprivileged user, so under fakeroot.
{
  lib,
  runCommand,
  closureInfo,
  unitfix,
  systemd,
  fakeroot,
}:

{
  # Store paths (packages, a system's toplevel) whose closure makes the image.
  closure,
  # Store paths of a known-good system: what they alone show is not reported.
  base ? [ ],
  layout ? "hermetic-usr",
  # systemd-analyze verify on every system unit: slow on a large closure.
  verify ? false,
  # Extra arguments, e.g. [ "--rule" "image-unit-dangling-reference=off" ].
  extraArgs ? [ ],
  name ? "unitfix-image-check",
}:

runCommand name
  {
    nativeBuildInputs = [
      unitfix
      systemd
      fakeroot
    ];
    closureInfo = closureInfo { rootPaths = closure; };
    baseInfo = if base == [ ] then "" else closureInfo { rootPaths = base; };
    imageCheckArgs = [
      "--layout"
      layout
    ]
    ++ lib.optional verify "--verify"
    ++ extraArgs;
  }
  ''
    mkdir -p $out
    args=(--store-paths "$closureInfo/store-paths" $imageCheckArgs)
    if [ -n "$baseInfo" ]; then args+=(--base-store-paths "$baseInfo/store-paths"); fi
    status=0
    unitfix image-check "''${args[@]}" --output-file $out/report.txt || status=$?
    # The build log is where a failed image build is read.
    cat $out/report.txt
    exit $status
  ''
