import fs from 'node:fs';
import path from 'node:path';
import { classifyExecutable, fhsFileRelative, isBinRelative } from './fhs-path.js';
import { DEFAULT_WRAPPERS } from './wrapper-table.js';

/** The folders of an output whose executables a caller may list for the resolver (ResolverOptions.programs). */
export const PROGRAM_FOLDERS = ['bin', 'sbin', 'libexec'] as const;

export interface ResolverOptions {
  /** The package's outputs, searched first and in this order. */
  readonly outputs: readonly string[];
  /** Directories to look up programs in: HOST_PATH (--host) or PATH (--build). */
  readonly searchPath: readonly string[];
  /**
   * Store paths of dependencies, for files that are not programs (a
   * dependency without bin/ is not on HOST_PATH): the setup hook passes
   * stdenv's pkgsHostHost and pkgsHostTarget.
   */
  readonly dependencies?: readonly string[];
  /** Setuid wrapper table; defaults to DEFAULT_WRAPPERS. */
  readonly wrappers?: Readonly<Record<string, string | null>>;
  /** Re-resolve executables that are already in the store. */
  readonly update?: boolean;
  /** The Nix store directory; defaults to $NIX_STORE or /nix/store. */
  readonly storeDir?: string;
  /** Shared look-ups, for resolvers with the same search path and dependencies. */
  readonly cache?: ResolverCache;
  /**
   * Per output, every executable below its PROGRAM_FOLDERS (relative paths),
   * when the caller has listed them anyway: candidates there are answered
   * from the list instead of a stat each.
   */
  readonly programs?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Look-ups that do not depend on the outputs: whether a file is an
 * executable, and what the search path and dependencies hold. Resolvers that
 * share a search path (one per store path of a linted closure) share one,
 * so each dependency is searched once per name, not once per store path.
 */
export class ResolverCache {
  /** The search path and dependency roots worked out from the options, for the arrays they came from. */
  derived?: { readonly from: readonly [readonly string[], readonly string[] | undefined, string]; readonly searchPath: readonly string[]; readonly dependencies: readonly string[]; readonly dependencyRoots: readonly string[] };
  readonly executable = new Map<string, boolean>();
  readonly onSearchPath = new Map<string, { path: string; via: 'search-path' } | null>();
  readonly inDependencies = new Map<string, string | null>();
}

export interface ResolveContext {
  readonly runsAsRoot?: boolean;
}

const NO_CONTEXT: ResolveContext = {};

export type Resolution =
  | { readonly kind: 'resolved'; readonly path: string; readonly via: 'output' | 'search-path' | 'wrapper' }
  | { readonly kind: 'unchanged'; readonly reason: 'store-path' | 'not-fhs' | 'same' }
  | { readonly kind: 'unresolved'; readonly reason: string };

/**
 * Finds where an executable named in a file lives on a system without /usr:
 * first in the package's own outputs (keeping its relative path, then in
 * bin/, sbin/ and libexec/), then in the dependencies on the search path.
 * Shared by every format; results are cached, the file system is asked once
 * per candidate.
 */
export class Resolver {
  readonly storeDir: string;
  /** The package's outputs, absolute, in search order. */
  readonly outputs: readonly string[];
  private readonly searchPath: readonly string[];
  private readonly dependencies: readonly string[];
  private readonly wrappers: Readonly<Record<string, string | null>>;
  private readonly update: boolean;
  private readonly cache: ResolverCache;
  /** Dependencies, then the owners of the search path's bin/ folders, each once. */
  private readonly dependencyRoots: readonly string[];
  private readonly resolutionCache = new Map<string, Resolution>();
  private readonly programs: ReadonlyMap<string, ReadonlySet<string>> | undefined;

  constructor(options: ResolverOptions) {
    this.storeDir = path.resolve(options.storeDir ?? process.env['NIX_STORE'] ?? '/nix/store');
    this.outputs = options.outputs.map((o) => path.resolve(o));
    this.wrappers = options.wrappers ?? DEFAULT_WRAPPERS;
    this.cache = options.cache ?? new ResolverCache();
    // A linted closure makes a resolver per store path, all with the same (long) lists: derive them once.
    const derived = this.cache.derived;
    if (derived && derived.from[0] === options.searchPath && derived.from[1] === options.dependencies && derived.from[2] === this.storeDir) {
      this.searchPath = derived.searchPath;
      this.dependencies = derived.dependencies;
      this.dependencyRoots = derived.dependencyRoots;
    } else {
      // A PATH outside a build (/usr/bin, /bin, …) would only trade one FHS path for another.
      this.searchPath = options.searchPath
        .filter((d) => d !== '' && path.isAbsolute(d) && classifyExecutable(path.join(d, 'x'), this.storeDir).kind !== 'fhs')
        .map((d) => path.resolve(d));
      this.dependencies = (options.dependencies ?? []).map((d) => path.resolve(d));
      const owners = this.searchPath.filter((d) => ['bin', 'sbin'].includes(path.basename(d))).map((d) => path.dirname(d));
      this.dependencyRoots = [...new Set([...this.dependencies, ...owners])];
      this.cache.derived = { from: [options.searchPath, options.dependencies, this.storeDir], searchPath: this.searchPath, dependencies: this.dependencies, dependencyRoots: this.dependencyRoots };
    }
    this.update = options.update ?? false;
    this.programs = options.programs;
  }

  /**
   * `runsAsRoot`: the command is known to run as root, so a setuid wrapper
   * buys nothing and the plain program is right. Unknown means not root.
   */
  resolveExecutable(file: string, context: ResolveContext = NO_CONTEXT): Resolution {
    const key = context.runsAsRoot ? `root:${file}` : file;
    let cached = this.resolutionCache.get(key);
    if (!cached) {
      cached = this.compute(file, context.runsAsRoot ?? false);
      this.resolutionCache.set(key, cached);
    }
    return cached;
  }

  private compute(file: string, runsAsRoot: boolean): Resolution {
    const where = classifyExecutable(file, this.storeDir);
    if (where.kind === 'other') return { kind: 'unchanged', reason: 'not-fhs' };
    if (where.kind === 'store' && !this.update) return { kind: 'unchanged', reason: 'store-path' };
    if (!runsAsRoot && (where.kind !== 'store' || isBinRelative(where.relative))) {
      const wrapperName = where.kind === 'bare' || isBinRelative(where.relative) ? where.name : undefined;
      if (wrapperName !== undefined && Object.hasOwn(this.wrappers, wrapperName)) {
        const wrapper = this.wrappers[wrapperName];
        if (wrapper === null || wrapper === undefined) {
          return { kind: 'unresolved', reason: `${wrapperName} is a setuid wrapper the system provides; left for you to map (--wrapper ${wrapperName}=PATH)` };
        }
        return wrapper === file ? { kind: 'unchanged', reason: 'same' } : { kind: 'resolved', path: wrapper, via: 'wrapper' };
      }
    }
    const found = this.inOutputs(where.relative, where.name) ?? this.onSearchPath(where.relative, where.name);
    if (!found) {
      const places = this.searchPath.length > 0 ? 'the outputs or the search path' : 'the outputs (the search path is empty)';
      return { kind: 'unresolved', reason: `no executable ${where.kind === 'bare' ? where.name : where.relative} in ${places}` };
    }
    if (found.path === file) return { kind: 'unchanged', reason: 'same' };
    return { kind: 'resolved', ...found };
  }

  /**
   * A file that is not necessarily a program (a symlink target, a copy
   * source): the same relative path in an output, then in a dependency.
   */
  resolveFile(file: string): Resolution {
    const key = `file:${file}`;
    let cached = this.resolutionCache.get(key);
    if (!cached) {
      cached = this.computeFile(file);
      this.resolutionCache.set(key, cached);
    }
    return cached;
  }

  private computeFile(file: string): Resolution {
    const relative = fhsFileRelative(file);
    if (relative === undefined) return { kind: 'unchanged', reason: 'not-fhs' };
    for (const output of this.outputs) {
      const full = path.join(output, relative);
      if (fs.existsSync(full)) return { kind: 'resolved', path: full, via: 'output' };
    }
    let found = this.cache.inDependencies.get(relative);
    if (found === undefined) {
      found = this.dependencyRoots.map((root) => path.join(root, relative)).find((full) => fs.existsSync(full)) ?? null;
      this.cache.inDependencies.set(relative, found);
    }
    if (found !== null) return { kind: 'resolved', path: found, via: 'search-path' };
    return { kind: 'unresolved', reason: `no ${relative} in the outputs or dependencies` };
  }

  private inOutputs(relative: string, name: string): { path: string; via: 'output' } | undefined {
    const candidates = [relative, `bin/${name}`, `sbin/${name}`, `libexec/${name}`];
    const swapped = swapLibDir(relative);
    if (swapped) candidates.splice(1, 0, swapped);
    for (const candidate of candidates) {
      const listable = (PROGRAM_FOLDERS as readonly string[]).includes(candidate.slice(0, candidate.indexOf('/')));
      for (const output of this.outputs) {
        const listed = listable ? this.programs?.get(output) : undefined;
        if (listed ? listed.has(candidate) : this.isExecutable(under(output, candidate))) return { path: under(output, candidate), via: 'output' };
      }
    }
    return undefined;
  }

  private onSearchPath(relative: string, name: string): { path: string; via: 'search-path' } | undefined {
    let found = this.cache.onSearchPath.get(relative);
    if (found === undefined) {
      found = this.searchOnce(relative, name) ?? null;
      this.cache.onSearchPath.set(relative, found);
    }
    return found ?? undefined;
  }

  private searchOnce(relative: string, name: string): { path: string; via: 'search-path' } | undefined {
    if (isBinRelative(relative)) {
      for (const dir of this.searchPath) {
        const full = under(dir, name);
        if (this.isExecutable(full)) return { path: full, via: 'search-path' };
      }
      return undefined;
    }
    // lib/…, libexec/…, share/…: look in the dependencies, and in the one that owns each bin/ directory.
    const swapped = swapLibDir(relative);
    for (const root of this.dependencyRoots) {
      for (const candidate of swapped ? [relative, swapped] : [relative]) {
        const full = under(root, candidate);
        if (this.isExecutable(full)) return { path: full, via: 'search-path' };
      }
    }
    return undefined;
  }

  private isExecutable(file: string): boolean {
    let known = this.cache.executable.get(file);
    if (known === undefined) {
      // No exception for a missing file: most candidates are missing, and throwing costs more than the stat.
      // Any other failure (ENOTDIR when a path component is a file, EACCES) also means "not here".
      try {
        const stat = fs.statSync(file, { throwIfNoEntry: false });
        known = stat !== undefined && stat.isFile() && (stat.mode & 0o111) !== 0;
      } catch {
        known = false;
      }
      this.cache.executable.set(file, known);
    }
    return known;
  }
}

/**
 * A normalised relative path below a resolved absolute folder: what
 * path.join gives, without normalising again (candidates come from
 * classifyExecutable, already normalised; this runs for every candidate).
 */
function under(folder: string, relative: string): string {
  return folder.endsWith('/') ? folder + relative : `${folder}/${relative}`;
}

/** lib/<pkg>/x ↔ libexec/<pkg>/x: distributions disagree on where helpers live. */
function swapLibDir(relative: string): string | undefined {
  if (relative.startsWith('lib/')) return `libexec/${relative.slice(4)}`;
  if (relative.startsWith('libexec/')) return `lib/${relative.slice(8)}`;
  return undefined;
}
