import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENTATION_FOLDERS } from '../lint/collect.js';
import type { FolderKind, Layout } from './layout.js';

/** Where a file of the image came from. */
export interface ManifestEntry {
  /** The file in the store path, as the report names it. */
  readonly file: string;
  /** The store path it belongs to. */
  readonly storePath: string;
  readonly kind: FolderKind;
}

/** Two store paths that put a file at the same place in the image: the first one wins, as in a merged /usr. */
export interface Collision {
  readonly imagePath: string;
  readonly kept: ManifestEntry;
  readonly dropped: ManifestEntry;
}

export interface BuiltRoot {
  readonly root: string;
  /** Image path (absolute, as the tools print it after the root) to the store file it is a copy of. */
  readonly manifest: ReadonlyMap<string, ManifestEntry>;
  readonly collisions: readonly Collision[];
  /** Store paths as given, resolved. */
  readonly storePaths: readonly string[];
  /** Files and folders the skeletons hold. */
  readonly skeletonEntries: number;
  readonly errors: readonly { readonly path: string; readonly message: string }[];
}

/** A bound on what the skeletons of a closure may hold: a hostile or runaway tree stops here, said in errors. */
export const MAX_SKELETON_ENTRIES = 2_000_000;
/** Drop-in and .wants folders sit one level below a unit folder; nothing systemd reads is deeper. */
const MAX_COPY_DEPTH = 3;

/** A link an image folder can keep as a link: a name in the same folder or the one above (an alias, a .wants entry). */
function isLocalLink(target: string): boolean {
  return !target.includes('/') || /^\.\.\/[^/]+$/.test(target);
}

/**
 * The empty likeness of a store path at its own absolute path under the
 * root: every folder, every link as it is, every file empty but with its
 * mode (so that a command is there and executable for systemd-analyze
 * verify, and a path a unit names exists). Documentation folders are left
 * out: nothing systemd reads is there.
 */
function buildSkeleton(storePath: string, root: string, budget: { left: number }, errors: BuiltRoot['errors'][number][]): number {
  let count = 0;
  const visit = (relative: string): void => {
    const source = relative === '' ? storePath : `${storePath}/${relative}`;
    const target = root + source;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(source, { withFileTypes: true });
    } catch (error) {
      errors.push({ path: source, message: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    fs.mkdirSync(target, { recursive: true });
    for (const entry of entries) {
      if (--budget.left < 0) {
        if (budget.left === -1) errors.push({ path: storePath, message: `the closure holds more than ${MAX_SKELETON_ENTRIES} files and folders: the image's skeleton stops here` });
        return;
      }
      count++;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const from = `${storePath}/${child}`;
      try {
        if (entry.isDirectory()) {
          if (!DOCUMENTATION_FOLDERS.has(child)) visit(child);
        } else if (entry.isSymbolicLink()) {
          fs.symlinkSync(fs.readlinkSync(from), root + from);
        } else if (entry.isFile()) {
          fs.writeFileSync(root + from, '', { mode: fs.lstatSync(from).mode & 0o777 });
        }
      } catch (error) {
        errors.push({ path: from, message: `cannot lay out: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      }
    }
  };
  fs.mkdirSync(root + path.dirname(storePath), { recursive: true });
  const stat = fs.statSync(storePath);
  if (stat.isDirectory()) visit('');
  else fs.writeFileSync(root + storePath, '', { mode: stat.mode & 0o777 });
  return count;
}

/**
 * Builds the disposable root an image build would start from: the
 * skeleton of every store path, and the files of the folders the layout
 * names copied (not linked: systemctl treats a linked unit file apart from
 * one that is there) into the image's folders. Links between units of one
 * folder (aliases, .wants entries) stay links.
 */
export function buildRoot(storePaths: readonly string[], root: string, layout: Layout): BuiltRoot {
  const manifest = new Map<string, ManifestEntry>();
  const collisions: Collision[] = [];
  const errors: BuiltRoot['errors'][number][] = [];
  const resolved: string[] = [];
  const budget = { left: MAX_SKELETON_ENTRIES };
  let skeletonEntries = 0;
  // An image has an /etc, empty on a hermetic-/usr system: sysusers takes its lock there.
  fs.mkdirSync(`${root}/etc`, { recursive: true });
  for (const given of storePaths) {
    let storePath: string;
    try {
      storePath = fs.realpathSync.native(given);
    } catch (error) {
      errors.push({ path: given, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    if (resolved.includes(storePath)) continue;
    resolved.push(storePath);
    skeletonEntries += buildSkeleton(storePath, root, budget, errors);
  }
  for (const storePath of resolved) {
    for (const folder of layout.folders) {
      for (const from of folder.from) copyFolder(`${storePath}/${from}`, folder.to, 0, { storePath, kind: folder.kind });
    }
  }
  return { root, manifest, collisions, storePaths: resolved, skeletonEntries, errors };

  function copyFolder(source: string, imageFolder: string, depth: number, origin: { storePath: string; kind: FolderKind }): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(source, { withFileTypes: true });
    } catch {
      return; // most store paths have none of these folders
    }
    fs.mkdirSync(root + imageFolder, { recursive: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const from = `${source}/${entry.name}`;
      const imagePath = `${imageFolder}/${entry.name}`;
      const mine: ManifestEntry = { file: from, ...origin };
      if (entry.isDirectory()) {
        if (depth < MAX_COPY_DEPTH) copyFolder(from, imagePath, depth + 1, origin);
        continue;
      }
      const kept = manifest.get(imagePath);
      try {
        if (kept) {
          if (!sameContent(kept.file, from)) collisions.push({ imagePath, kept, dropped: mine });
          continue;
        }
        if (entry.isSymbolicLink()) {
          const target = fs.readlinkSync(from);
          if (isLocalLink(target) || target === '/dev/null') fs.symlinkSync(target, root + imagePath);
          else fs.copyFileSync(from, root + imagePath);
        } else if (entry.isFile()) {
          fs.copyFileSync(from, root + imagePath);
        } else continue;
        manifest.set(imagePath, mine);
      } catch (error) {
        errors.push({ path: from, message: `cannot copy into the image: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      }
    }
  }
}

function sameContent(a: string, b: string): boolean {
  try {
    const la = fs.lstatSync(a);
    const lb = fs.lstatSync(b);
    if (la.isSymbolicLink() || lb.isSymbolicLink()) return la.isSymbolicLink() && lb.isSymbolicLink() && fs.readlinkSync(a) === fs.readlinkSync(b);
    return la.size === lb.size && fs.readFileSync(a).equals(fs.readFileSync(b));
  } catch {
    return false;
  }
}
