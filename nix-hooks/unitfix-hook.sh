# shellcheck shell=bash
# unitfix setup hook.
#
# On a hermetic-/usr system /usr, /bin and /sbin do not exist, yet upstream
# packages install systemd units that run /usr/bin/foo or /bin/kill, and
# tmpfiles.d lines that link to ../usr/lib/os-release. After the build, this
# hook rewrites what an output ships -- the command lines of its units and
# drop-ins (lib/systemd/{system,user}, share/systemd/user,
# etc/systemd/{system,user}), the link targets and copy sources of its
# tmpfiles.d lines, the shells of its sysusers.d lines, the /usr prefixes
# of its pkg-config files and the Exec= of its D-Bus activation files
# (share/dbus-1/{services,system-services}) -- to point into the
# package's own outputs or its dependencies (HOST_PATH and the host
# platform's inputs), the way patchShebangs treats #! lines. What it cannot
# resolve is left as it is and reported; it never fails the build.
#
# Before configure, it also makes `pkg-config --variable=systemdsystemunitdir
# systemd` (and udevdir, tmpfilesdir, D-Bus service dirs, …) answer a folder
# of this package instead of the dependency's read-only store path: shadow
# copies of those .pc files go first on PKG_CONFIG_PATH, and
# PKG_CONFIG_<PKG>_<VAR> is exported for pkg-config implementations that
# read it.
#
# Use: nativeBuildInputs = [ unitfix.hook ];
#   dontUnitfix = true;            skip the fixup for this derivation
#   dontUnitfixPkgConfig = true;   keep pkg-config's install directories as they are
#   unitfixFlags = [ "--update" ]; extra flags for `unitfix fix`, e.g.
#                                  --wrapper NAME=PATH for a setuid wrapper
#   unitfixFallbackInputs = [ pkgs.iproute2 ];  more packages for the fallback set
#   dontUnitfixFallback = true;    no fallback set: only the outputs and inputs
#
# The fallback set: runtime tools of the host platform (bash, coreutils,
# procps, util-linux, kmod), fixed when the hook was made, searched after the
# outputs and the host inputs, so that `ExecReload=/bin/kill` resolves without
# coreutils in buildInputs, as a hand-written `${coreutils}/bin/kill` would.
# A package that uses one gains a runtime reference to it; the build log says
# which, line by line.

fixupOutputHooks+=(_unitfixFixupOutput)
preConfigureHooks+=(_unitfixPkgConfigShadow)

# The fallback set, as makeSetupHook substituted it (store paths, space-separated).
_unitfixFallbackSet=(@fallbackInputs@)

# The folders of an output each format's files live in, one line per format. Written by
# `npm run generate` from src/formats/registry.ts (a test fails when they differ).
_unitfixFormatFolders=(
    lib/systemd/system lib/systemd/user share/systemd/user etc/systemd/system etc/systemd/user
    lib/tmpfiles.d etc/tmpfiles.d
    lib/sysusers.d etc/sysusers.d
    lib/pkgconfig share/pkgconfig 'lib/*/pkgconfig'
    lib/udev/rules.d etc/udev/rules.d
    share/dbus-1/services share/dbus-1/system-services
)

_unitfixOutputNames() {
    if declare -F getAllOutputNames >/dev/null; then
        getAllOutputNames
    elif [[ "$(declare -p outputs 2>/dev/null)" == "declare -A"* ]]; then
        # __structuredAttrs: outputs is an associative array of name to path.
        echo "${!outputs[@]}"
    else
        echo "${outputs:-out}"
    fi
}

# A setting that is an array under __structuredAttrs and a string otherwise, one word per line.
_unitfixWords() {
    local -n _unitfixValue=$1
    if [[ "$(declare -p "$1" 2>/dev/null)" == "declare -a"* ]]; then
        printf '%s\n' "${_unitfixValue[@]}"
    elif [[ -n "${_unitfixValue-}" ]]; then
        local -a _unitfixSplit
        read -r -a _unitfixSplit <<< "$_unitfixValue"
        printf '%s\n' "${_unitfixSplit[@]}"
    fi
}

_unitfixFixupOutput() {
    if [[ -n "${dontUnitfix-}" ]]; then return 0; fi
    if [[ -z "${prefix-}" || ! -d "$prefix" ]]; then return 0; fi

    # Most outputs ship none of these files: find that out in bash, without starting Node.
    local dir candidate found=
    for dir in "${_unitfixFormatFolders[@]}"; do
        # Unquoted, so that lib/*/pkgconfig expands to the multiarch folders there are.
        # shellcheck disable=SC2086
        for candidate in "$prefix"/$dir; do
            if [[ -d "$candidate" ]]; then found=1; break 2; fi
        done
    done
    [[ -n "$found" ]] || return 0

    # HOST_PATH is a plain shell variable in stdenv (exported only by accident, without
    # strictDeps): a child process does not see it, so the search path is passed explicitly.
    local -a args=() deps=() fallback=()
    # Like patchShebangsAuto: the dev output runs on the build platform, the rest on the host.
    if [[ "${output-}" != out && -n "${outputDev-}" && "${output-}" == "$outputDev" ]]; then
        args+=(--build --search-path "${PATH-}")
        deps=(${pkgsBuildHost[@]+"${pkgsBuildHost[@]}"})
    else
        args+=(--host --search-path "${HOST_PATH-}")
        deps=(${pkgsHostHost[@]+"${pkgsHostHost[@]}"} ${pkgsHostTarget[@]+"${pkgsHostTarget[@]}"})
        # The fallback set is of the host platform: never for the build platform's output.
        if [[ -z "${dontUnitfixFallback-}" ]]; then
            local pkg
            while IFS= read -r pkg; do [[ -n "$pkg" ]] && fallback+=("$pkg"); done < <(_unitfixWords unitfixFallbackInputs)
            fallback+=(${_unitfixFallbackSet[@]+"${_unitfixFallbackSet[@]}"})
        fi
    fi
    local dep
    for dep in ${deps[@]+"${deps[@]}"}; do args+=(--dependency "$dep"); done
    for dep in ${fallback[@]+"${fallback[@]}"}; do args+=(--fallback "$dep"); done
    local name
    for name in $(_unitfixOutputNames); do
        if [[ -n "${!name-}" ]]; then args+=(--output "${!name}"); fi
    done

    local -a flags=()
    local flag
    while IFS= read -r flag; do flags+=("$flag"); done < <(_unitfixWords unitfixFlags)

    echo "unitfix: pointing systemd units, tmpfiles.d, sysusers.d and .pc files in $prefix at store paths (${args[0]})"
    # Nix gives builders a pseudo-terminal: no colour codes in build logs.
    NO_COLOR=1 @unitfix@ fix "${args[@]}" ${flags[@]+"${flags[@]}"} "$prefix"
}

_unitfixPkgConfigShadow() {
    if [[ -n "${dontUnitfixPkgConfig-}" || -z "${PKG_CONFIG_PATH-}" ]]; then return 0; fi
    local shadow="${NIX_BUILD_TOP:-${TMPDIR:-/tmp}}/.unitfix-pkgconfig"
    local -a args=(--prefix "${out:-$prefix}" --out "$shadow")
    local name
    for name in $(_unitfixOutputNames); do
        if [[ -n "${!name-}" ]]; then args+=(--prefix-for "$name=${!name}"); fi
    done
    local exports
    exports=$(@unitfix@ pkgconfig-shadow "${args[@]}") || return 1
    eval "$exports"
    export PKG_CONFIG_PATH="$shadow:$PKG_CONFIG_PATH"
}
