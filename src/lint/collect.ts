import fs from 'node:fs';
import path from 'node:path';
import { formatAt, formatNamed } from '../formats/classify.js';
import { readDirectory } from '../fs/read-directory.js';
import type { FileFormat, LintTree } from './types.js';

/**
 * Folders of a store path that hold neither configuration nor anything the
 * system runs: headers, documentation, manuals, translations, icons and
 * fonts. A unit, .pc file or script below them is an example or a stray
 * (Debian ships example units in share/doc/<pkg>/examples) that no tool
 * reads or runs, so lint does not walk them, with or without --deep. In a
 * real closure they hold most of the files.
 */
export const DOCUMENTATION_FOLDERS: ReadonlySet<string> = new Set([
  'include',
  'share/doc',
  'share/man',
  'share/info',
  'share/locale',
  'share/icons',
  'share/pixmaps',
  'share/fonts',
  'share/help',
  'share/gtk-doc',
  'share/licenses',
]);

/**
 * Folders no tool reads configuration from: the documentation folders and
 * those of commands (bin, sbin: flat lists of programs). Lint without --deep
 * does not walk them; --deep walks bin and sbin for the programs. (libexec
 * is walked: packages keep whole trees there.)
 */
export const NON_CONFIG_FOLDERS: ReadonlySet<string> = new Set([...DOCUMENTATION_FOLDERS, 'bin', 'sbin']);

/** Whether a relative path lies in one of NON_CONFIG_FOLDERS (their first one or two components). */
function inNonConfigFolder(relative: string): boolean {
  const first = relative.indexOf('/');
  if (first < 0) return false;
  if (NON_CONFIG_FOLDERS.has(relative.slice(0, first))) return true;
  const second = relative.indexOf('/', first + 1);
  return second > 0 && NON_CONFIG_FOLDERS.has(relative.slice(0, second));
}

/**
 * What a file is to the linter, from its place alone (formatAt): units
 * wherever a systemd/system or systemd/user folder holds them (the location
 * rule then says whether systemd reads that place), tmpfiles.d and
 * sysusers.d snippets, .pc files in any pkgconfig folder, and so on for
 * every format of the registry. Nothing below NON_CONFIG_FOLDERS.
 */
export function lintFormatOf(relative: string): FileFormat | undefined {
  const format = formatAt(relative);
  return format === undefined || inNonConfigFolder(relative) ? undefined : format;
}

/**
 * The format of a file named on its own (in a package's source repository,
 * as pre-commit passes them), templates included: foo.service.in,
 * foo.pc.in, tmpfiles.d/foo.conf, foo.tmpfiles.conf.in (formatNamed).
 */
export const fileFormatByName = (file: string): FileFormat | undefined => formatNamed(file);

/** A walked tree: its files and folders, which of the files are links, and the folders that could not be read. */
export type WalkedTree = LintTree & {
  /** Links listed but not to be read: to a file the walk lists at its own place, out of the tree, or dangling. */
  readonly links: ReadonlySet<string>;
  readonly errors: { path: string; message: string }[];
  /** Names of everything at the top of the root, skipped folders included. */
  readonly topLevel: readonly string[];
};

/**
 * Every file and folder below a root, as systemd and the other readers see
 * them: a link to a folder inside the tree is entered (a drop-in folder
 * linked from share/ is read through the link), a link to a file inside the
 * tree is a file at the link's place. Each file is listed once: one the walk
 * reaches at its own place too (an alias in a .wants folder, a folder linked
 * twice) stays a link there, not read again; links out of the tree or
 * dangling stay links. `keep` picks the files worth listing (all of them
 * for --deep, else those of a known format, judged by the path reached
 * through), which spares building and sorting 100,000 names; `skipFolder`
 * names folders not to enter (listed in neither files nor dirs).
 * Synchronous on purpose: thousands of small directory reads are several
 * times faster without a round trip through libuv's thread pool each.
 */
export function walkTree(
  root: string,
  keep: (relative: string) => boolean = () => true,
  skipFolder: (relative: string) => boolean = () => false,
): WalkedTree {
  const files: string[] = [];
  const links = new Set<string>();
  const dirs = new Map<string, number>();
  const errors: { path: string; message: string }[] = [];
  const topLevel: string[] = [];
  // The root's real place, asked only when a link needs resolving in full (most trees have no
  // links but aliases, which their written target settles).
  let realRoot: string | null | undefined;
  const realRootOf = (): string | undefined => {
    if (realRoot === undefined) realRoot = realPath(root) ?? null;
    return realRoot ?? undefined;
  };
  /** The real place of a link's target relative to the root; undefined when it is not inside the tree. */
  const placeInTree = (link: string): string | undefined => {
    const real = realPath(`${root}/${link}`);
    const base = realRootOf();
    return real !== undefined && base !== undefined && real.startsWith(`${base}/`) ? real.slice(base.length + 1) : undefined;
  };
  // Real places of the folders entered through links, so that none is walked twice (or forever).
  const enteredFolders = new Set<string>();
  // Files in folders reached through links, with the place inside the tree they really are.
  const throughLinks = new Map<string, string>();
  // Links to files, and whether the folder holding them was itself reached through a link: read at
  // the link's place unless the walk lists their file at its own place.
  const linkedFiles: { readonly file: string; readonly inLinkedFolder: boolean }[] = [];
  const visit = (relative: string, realBase: string | undefined): void => {
    let listing;
    try {
      listing = readDirectory(relative === '' ? root : `${root}/${relative}`);
    } catch (error) {
      errors.push({ path: path.join(root, relative), message: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    // Names that are not UTF-8 count towards the folder's size but are not listed: no unit or config file has one.
    dirs.set(relative, listing.entries.length + listing.notUtf8.length);
    if (relative === '') for (const entry of listing.entries) topLevel.push(entry.name);
    const subdirs: [string, string | undefined][] = [];
    for (const entry of listing.entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipFolder(child)) subdirs.push([child, realBase === undefined ? undefined : `${realBase}/${entry.name}`]);
      } else if (entry.isSymbolicLink()) {
        const stat = statOf(`${root}/${child}`);
        if (stat?.isDirectory()) {
          // Rare: resolved in full only here. A link to the root itself ('usr -> .') is not a folder below it.
          const real = placeInTree(child);
          if (real !== undefined && !skipFolder(child) && !enteredFolders.has(real)) {
            enteredFolders.add(real);
            subdirs.push([child, real]);
          }
        } else if (keep(child)) {
          files.push(child);
          if (stat?.isFile()) linkedFiles.push({ file: child, inLinkedFolder: realBase !== undefined });
          else links.add(child);
        }
      } else if (!keep(child)) continue;
      else if (entry.isFile()) {
        files.push(child);
        if (realBase !== undefined) throughLinks.set(child, `${realBase}/${entry.name}`);
      }
    }
    subdirs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [dir, real] of subdirs) visit(dir, real);
  };
  visit('', undefined);
  if (throughLinks.size > 0 || linkedFiles.length > 0) {
    // A file the walk lists at its own place is read there; reached again through a link, it is a link.
    const linked = new Set(linkedFiles.map((l) => l.file));
    const atOwnPlace = new Set(files.filter((f) => !throughLinks.has(f) && !linked.has(f) && !links.has(f)));
    for (const [file, real] of throughLinks) if (atOwnPlace.has(real)) links.add(file);
    for (const { file, inLinkedFolder } of linkedFiles) {
      // Most links are aliases beside their unit (foo.service -> bar.service, ../bar.service in a .wants
      // folder): from a folder at its real place, the target as written says so without resolving the path.
      const written = inLinkedFolder ? undefined : aliasTarget(root, file);
      if (written !== undefined && atOwnPlace.has(written)) {
        links.add(file);
        continue;
      }
      const real = placeInTree(file);
      if (real === undefined || atOwnPlace.has(real)) links.add(file);
    }
  }
  files.sort();
  return { root, files, dirs, links, errors, topLevel };
}

/**
 * Where a link points as written, relative to the root, when the text alone
 * says so: a relative target whose '..' components all come first (an
 * alias's `bar.service`, a .wants folder's `../bar.service`). Read from the
 * link's real folder, such a target resolves as written; any other (absolute,
 * or '..' after a name that may itself be a link) is undefined.
 */
function aliasTarget(root: string, relative: string): string | undefined {
  let written;
  try {
    written = fs.readlinkSync(`${root}/${relative}`);
  } catch {
    return undefined;
  }
  if (!/^(\.\.\/)*(?:[^/.][^/]*|\.[^/.][^/]*)(?:\/(?:[^/.][^/]*|\.[^/.][^/]*))*$/.test(written)) return undefined;
  const target = path.posix.normalize(`${path.posix.dirname(relative)}/${written}`);
  return target.startsWith('../') || target === '..' ? undefined : target;
}

function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
