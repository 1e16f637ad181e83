# shellcheck shell=bash
# unitfix setup hook.
#
# On a hermetic-/usr system /usr, /bin and /sbin do not exist, yet upstream
# packages install systemd units that run /usr/bin/foo or /bin/kill. After
# the build, this hook rewrites the command lines of every unit and drop-in an
# output ships (lib/systemd/{system,user}, share/systemd/user,
# etc/systemd/{system,user}) to point into the package's own outputs, or to
# the dependencies on HOST_PATH, the way patchShebangs treats #! lines.
# Commands it cannot resolve are left as they are and reported; they never
# fail the build.
#
# Use: nativeBuildInputs = [ unitfix.hook ];
#   dontUnitfix = true;            skip the hook for this derivation
#   unitfixFlags = [ "--update" ]; extra flags for `unitfix fix`, e.g.
#                                  --wrapper NAME=PATH for a setuid wrapper

fixupOutputHooks+=(_unitfixFixupOutput)

_unitfixOutputNames() {
    if declare -F getAllOutputNames >/dev/null; then
        getAllOutputNames
    else
        echo "${outputs:-out}"
    fi
}

_unitfixFixupOutput() {
    if [[ -n "${dontUnitfix-}" ]]; then return 0; fi
    if [[ -z "${prefix-}" || ! -d "$prefix" ]]; then return 0; fi

    # Most outputs ship no units: find that out in bash, without starting Node.
    local dir found=
    for dir in lib/systemd/system lib/systemd/user share/systemd/user etc/systemd/system etc/systemd/user; do
        if [[ -d "$prefix/$dir" ]]; then found=1; break; fi
    done
    [[ -n "$found" ]] || return 0

    local -a args=()
    # Like patchShebangsAuto: the dev output runs on the build platform, the rest on the host.
    if [[ "${output-}" != out && -n "${outputDev-}" && "${output-}" == "$outputDev" ]]; then
        args+=(--build)
    else
        args+=(--host)
    fi
    local name
    for name in $(_unitfixOutputNames); do
        if [[ -n "${!name-}" ]]; then args+=(--output "${!name}"); fi
    done

    local -a flags=()
    if [[ "$(declare -p unitfixFlags 2>/dev/null)" == "declare -a"* ]]; then
        flags=("${unitfixFlags[@]}")
    elif [[ -n "${unitfixFlags-}" ]]; then
        read -r -a flags <<< "$unitfixFlags"
    fi

    echo "unitfix: pointing systemd units in $prefix at store paths"
    @unitfix@ fix "${args[@]}" "${flags[@]}" "$prefix"
}
