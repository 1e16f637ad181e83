/**
 * The specifiers systemd-sysusers expands in every column but the type
 * (system_and_tmp_specifier_table, src/shared/specifier.h: the same set from
 * v252 to v258): the system's %a %A %b %B %H %l %q %m %M %o %v %w %W, the
 * temporary folders %T %V, and '%%'. Whether a known one expands, and to
 * what, depends on the system (%m needs a machine ID); an unknown one always
 * fails the line.
 */
const KNOWN = 'aAbBHlqmMovwWTV%';

export const KNOWN_SPECIFIERS = [...KNOWN].map((c) => `%${c}`).join(' ');

export type Expansion = { readonly value: string } | { readonly unknown: string } | { readonly dependsOnSystem: true };

/**
 * A value as specifier_printf() expands it, where that does not depend on the
 * system: '%%' is '%', and a '%' at the very end stays. Linear.
 */
export function expandSpecifiers(value: string): Expansion {
  if (!value.includes('%')) return { value };
  let out = '';
  let dependsOnSystem = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c !== '%' || i + 1 === value.length) {
      out += c;
      continue;
    }
    const letter = value[++i]!;
    if (!KNOWN.includes(letter)) return { unknown: letter };
    if (letter === '%') out += '%';
    else dependsOnSystem = true;
  }
  return dependsOnSystem ? { dependsOnSystem: true } : { value: out };
}
