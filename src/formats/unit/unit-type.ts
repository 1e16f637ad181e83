import path from 'node:path';

/** Unit types by file suffix (systemd.unit(5)). */
export const UNIT_TYPES = [
  'service', 'socket', 'device', 'mount', 'automount', 'swap', 'target', 'path', 'timer', 'slice', 'scope',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** The section that holds a unit type's own settings, e.g. [Service]. */
export const TYPE_SECTION: Readonly<Record<UnitType, string | undefined>> = {
  service: 'Service', socket: 'Socket', device: undefined, mount: 'Mount', automount: 'Automount',
  swap: 'Swap', target: undefined, path: 'Path', timer: 'Timer', slice: 'Slice', scope: 'Scope',
};

export interface UnitFileKind {
  /** 'unit' for foo.service or foo@.service, 'drop-in' for foo.service.d/x.conf. */
  readonly role: 'unit' | 'drop-in';
  readonly type: UnitType;
  /** True for templates, foo@.service (and their drop-ins). */
  readonly template: boolean;
  /** Which manager reads it, from its folder: .../systemd/system/ or .../systemd/user/. */
  readonly scope: 'system' | 'user' | undefined;
}

/** The innermost ".../systemd/system/" or ".../systemd/user/" folder of a path, scanned from the end. */
function scopeOf(file: string): 'system' | 'user' | undefined {
  let end = file.lastIndexOf('/');
  while (end > 0) {
    const start = file.lastIndexOf('/', end - 1) + 1;
    const length = end - start;
    if (start > 1 && ((length === 6 && file.startsWith('system', start)) || (length === 4 && file.startsWith('user', start)))) {
      const parentStart = file.lastIndexOf('/', start - 2) + 1;
      if (start - 1 - parentStart === 7 && file.startsWith('systemd', parentStart)) return length === 6 ? 'system' : 'user';
    }
    end = start - 1;
  }
  return undefined;
}

function typeOfName(name: string): UnitType | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const suffix = name.slice(dot + 1);
  return (UNIT_TYPES as readonly string[]).includes(suffix) ? (suffix as UnitType) : undefined;
}

/**
 * What a file is, from its path alone, as systemd decides it: a unit by its
 * suffix; a drop-in as a *.conf inside "<unit>.d/" (also the type-wide
 * "service.d/" and prefix drop-ins like "foo-.service.d/").
 */
export function classifyUnitPath(file: string): UnitFileKind | undefined {
  const base = path.basename(file);
  const direct = typeOfName(base);
  if (direct) return { role: 'unit', type: direct, template: base.includes('@.'), scope: scopeOf(file) };
  if (!base.endsWith('.conf')) return undefined;
  const dir = path.basename(path.dirname(file));
  if (!dir.endsWith('.d')) return undefined;
  const unitName = dir.slice(0, -2);
  const type = typeOfName(unitName) ?? (UNIT_TYPES as readonly string[]).find((t) => t === unitName);
  if (!type) return undefined;
  return { role: 'drop-in', type: type as UnitType, template: unitName.includes('@.'), scope: scopeOf(file) };
}
