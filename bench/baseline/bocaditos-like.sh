#!/usr/bin/env bash
# The baseline the brief measures against: a hook in the style of Bocaditos'
# patch-systemd-units.sh, reimplemented here from its description (regex based,
# one grep and one sed per key per unit file). Not a copy of it.
set -u
prefix=$1
keys=(ExecStart ExecStartPre ExecStartPost ExecStop ExecStopPost ExecReload ExecCondition EnvironmentFile)
find "$prefix" -path '*/systemd/*' -type f \( -name '*.service' -o -name '*.socket' -o -name '*.conf' \) | while read -r unit; do
  for key in "${keys[@]}"; do
    if grep -q "^$key=-\?/usr/bin/" "$unit"; then
      sed -i -e "s|^\($key=-\?\)/usr/bin/|\1$prefix/bin/|" "$unit"
    fi
  done
done
