import { compareNames } from '../../text/compare-names.js';
import type { UnitType } from './unit-type.js';

/**
 * The drop-ins systemd applies to the unit file `unitPath`, in the order it
 * applies them: the *.conf files of its drop-in folders beside it
 * (dropInFolderNames), a name in a more specific folder hiding the same name
 * in a more generic one, sorted by the bytes of their names whichever folder
 * they are in. `unitPath` is a normalised path (as the walk gives it);
 * `list` gives a folder's entries, or undefined if it has none.
 */
export function unitDropIns(unitPath: string, type: UnitType, list: (dir: string) => Iterable<string> | undefined): string[] {
  const slash = unitPath.lastIndexOf('/');
  const folder = slash < 0 ? '.' : unitPath.slice(0, slash);
  const byName = new Map<string, string>();
  for (const name of dropInFolderNames(unitPath.slice(slash + 1), type)) {
    const dir = `${folder}/${name}.d`;
    for (const conf of list(dir) ?? []) {
      if (conf.endsWith('.conf') && !byName.has(conf)) byName.set(conf, `${dir}/${conf}`);
    }
  }
  return [...byName.keys()].sort(compareNames).map((conf) => byName.get(conf)!);
}

/**
 * The names whose "<name>.d/" folders hold drop-ins for the unit `name`, most
 * specific first, in the order systemd looks for them (src/shared/dropin.c):
 * the name itself, for an instance its template, then each dash prefix
 * ("foo-bar-.service", then "foo-.service" for "foo-bar-baz.service"), and
 * the type-wide folder ("service") last. A drop-in's file name found in
 * several of these folders counts only in the first.
 *
 * A template (foo-bar@.service) gets the folders every one of its instances
 * reads, without those named for one instance: foo-bar@.service,
 * foo-.service, foo-@.service, service.
 *
 * Each name is listed once. Names come from file names (at most 255 bytes):
 * an instance name of n bytes leads to at most 3n names (each prefix as an
 * instance, a template and a plain name), each expanded once.
 */
export function dropInFolderNames(name: string, type: UnitType): string[] {
  // Most units: no instance, no template, no dash prefix.
  if (!name.includes('-') && !name.includes('@')) return name === type ? [name] : [name, type];
  const names = new Set<string>();
  const at = name.indexOf('@');
  const template = at > 0 && name.startsWith('.', at + 1);
  // A file name holds no NUL: as the instance it stands for any instance, and marks the names of one.
  addWithPrefixes(template ? `${name.slice(0, at + 1)}\0${name.slice(at + 1)}` : name, names);
  names.add(type);
  return [...names].filter((n) => !template || !n.includes('\0'));
}

/** Adds `name` and the names it leads to; a name met before adds nothing: its own were added then, in the same order. */
function addWithPrefixes(name: string, names: Set<string>): void {
  if (names.has(name)) return;
  names.add(name);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return;
  const suffix = name.slice(dot);
  const at = name.indexOf('@');
  const instance = at > 0 && at + 1 < dot ? name.slice(at + 1, dot) : undefined;
  if (instance !== undefined) addWithPrefixes(`${name.slice(0, at + 1)}${suffix}`, names);
  const prefix = dashPrefix(name.slice(0, at > 0 ? at : dot));
  if (prefix === undefined) return;
  addWithPrefixes(instance === undefined ? `${prefix}${suffix}` : `${prefix}@${instance}${suffix}`, names);
}

/**
 * "foo-bar-" for "foo-bar-baz", "foo-" for "foo-bar-" (a trailing dash is
 * dropped once, then the next dash ends the prefix); none without a dash or
 * with only a leading one.
 */
function dashPrefix(prefix: string): string | undefined {
  let rest = prefix;
  let chopped = false;
  for (;;) {
    const dash = rest.lastIndexOf('-');
    if (dash <= 0) return undefined;
    if (dash + 1 < rest.length || chopped) return rest.slice(0, dash + 1);
    rest = rest.slice(0, dash);
    chopped = true;
  }
}
