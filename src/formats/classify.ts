import type { FormatPlaces } from './format.js';
import { FORMATS, type FormatId } from './registry.js';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const markers = (format: FormatPlaces): string => format.markers.map(escape).join('|');

/** A path below one of the format's marker folders, as the format wants it there: the source of its pattern, unanchored at the end. */
export const placePattern = (format: FormatPlaces): string => `(?:^|/)(?:${markers(format)})/(?:${format.below})`;

interface Classifier {
  readonly id: FormatId;
  readonly place: RegExp;
  readonly named: RegExp | undefined;
}

const CLASSIFIERS: readonly Classifier[] = FORMATS.map((f) => ({
  id: f.id,
  place: new RegExp(`${placePattern(f)}$`),
  named: 'named' in f ? new RegExp(`(?:${f.named})$`) : undefined,
}));

/** Most files of a closure are below no marker folder: one test says so. */
const BELOW_ANY_MARKER = new RegExp(`(?:^|/)(?:${FORMATS.map(markers).join('|')})/`);

/** A folder that is one of the markers: a tree that has it has a place for files unitfix reads. */
export const MARKER_FOLDER = new RegExp(`(?:^|/)(?:${FORMATS.map(markers).join('|')})$`);

/**
 * What a file of a tree is by its place: below a folder that gives files
 * their format wherever it is (systemd/system, tmpfiles.d, pkgconfig, …),
 * named as that format wants. Where two formats' folders hold it
 * (dbus-1/services/ inside systemd/user/), the nearer one decides.
 */
export function formatAt(file: string): FormatId | undefined {
  if (!BELOW_ANY_MARKER.test(file)) return undefined;
  let found: FormatId | undefined;
  let nearest = -1;
  for (const c of CLASSIFIERS) {
    const match = c.place.exec(file);
    if (match && match.index > nearest) {
      found = c.id;
      nearest = match.index;
    }
  }
  return found;
}

/**
 * The format of a file named on its own (pre-commit passes a package
 * repository's files one by one): by its place first, then by its name
 * alone (foo.service, foo.pc, foo.tmpfiles.conf). A configure template
 * (foo.service.in) is what it makes, unless `templates` is false: `fix`
 * leaves templates to configure.
 */
export function formatNamed(file: string, options: { readonly templates?: boolean } = {}): FormatId | undefined {
  let name = file;
  if (name.endsWith('.in')) {
    if (options.templates === false) return undefined;
    name = name.slice(0, -3);
  }
  return formatAt(name) ?? CLASSIFIERS.find((c) => c.named?.test(name))?.id;
}
