import fs from 'node:fs';
import path from 'node:path';
import { classifyExecutable, fhsFileRelative, isBinRelative } from './fhs-path.js';
import { DEFAULT_WRAPPERS } from './wrapper-table.js';
import { ExistenceCache } from '../fs/existence-cache.js';

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
  /**
   * Packages searched last, after the outputs, the search path and the
   * dependencies: the setup hook's fallback set of runtime tools (coreutils,
   * util-linux, …) for commands packagers used to patch in by hand. A
   * resolution through one of them adds a runtime reference to it.
   */
  readonly fallback?: readonly string[];
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
  derived?: DerivedLists;
  readonly executable = new Map<string, boolean>();
  readonly onSearchPath = new Map<string, Found | null>();
  readonly inDependencies = new Map<string, string | null>();
  /** Whether a path exists, for the resolver and for the planners that ask it (Resolver.exists). */
  readonly existence = new ExistenceCache();
}

interface DerivedLists {
  readonly from: readonly [readonly string[], readonly string[] | undefined, readonly string[] | undefined, string];
  readonly searchPath: readonly string[];
  /** Search-path folders left out because they are FHS folders (/usr/bin, /bin, …). */
  readonly ignoredSearchPath: readonly string[];
  readonly dependencies: readonly string[];
  readonly dependencyRoots: readonly string[];
  readonly fallback: readonly string[];
}

export interface ResolveContext {
  readonly runsAsRoot?: boolean;
}

const NO_CONTEXT: ResolveContext = {};

/** Where a resolved path came from: the fallback set is worth saying, it adds a runtime reference. */
export type ResolvedVia = 'output' | 'search-path' | 'dependency' | 'fallback' | 'wrapper';

export type Resolution =
  | { readonly kind: 'resolved'; readonly path: string; readonly via: ResolvedVia }
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
  /** Search-path folders that were left out because they are FHS folders. */
  readonly ignoredSearchPath: readonly string[];
  private readonly dependencies: readonly string[];
  /** The fallback packages, canonical, in search order. */
  readonly fallback: readonly string[];
  private readonly wrappers: Readonly<Record<string, string | null>>;
  private readonly update: boolean;
  private readonly cache: ResolverCache;
  /** Dependencies, then the owners of the search path's bin/ folders, each once. */
  private readonly dependencyRoots: readonly string[];
  private readonly resolutionCache = new Map<string, Resolution>();
  private readonly programs: ReadonlyMap<string, ReadonlySet<string>> | undefined;

  constructor(options: ResolverOptions) {
    this.storeDir = path.resolve(options.storeDir ?? process.env['NIX_STORE'] ?? '/nix/store');
    // Canonical roots: `./result` (a link to a store path) must never end up in a unit as a path through the link.
    this.outputs = options.outputs.map(canonical);
    this.wrappers = options.wrappers ?? DEFAULT_WRAPPERS;
    this.cache = options.cache ?? new ResolverCache();
    // A linted closure makes a resolver per store path, all with the same (long) lists: derive them once.
    let derived = this.cache.derived;
    if (!derived || derived.from[0] !== options.searchPath || derived.from[1] !== options.dependencies || derived.from[2] !== options.fallback || derived.from[3] !== this.storeDir) {
      derived = deriveLists(options, this.storeDir);
      this.cache.derived = derived;
    }
    this.searchPath = derived.searchPath;
    this.ignoredSearchPath = derived.ignoredSearchPath;
    this.dependencies = derived.dependencies;
    this.dependencyRoots = derived.dependencyRoots;
    this.fallback = derived.fallback;
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
    // The table names programs, wherever their package keeps them: NixOS wraps polkit-agent-helper-1
    // (lib/polkit-1/) and dbus-daemon-launch-helper (libexec/) by name as it wraps sudo (bin/).
    if (!runsAsRoot && Object.hasOwn(this.wrappers, where.name)) {
      const wrapper = this.wrappers[where.name];
      if (wrapper === null || wrapper === undefined) {
        return { kind: 'unresolved', reason: `${where.name} is a setuid wrapper the system provides; left for you to map (--wrapper ${where.name}=PATH)` };
      }
      return wrapper === file ? { kind: 'unchanged', reason: 'same' } : { kind: 'resolved', path: wrapper, via: 'wrapper' };
    }
    const found = this.inOutputs(where.relative, where.name) ?? this.onSearchPath(where.relative, where.name);
    if (!found) return { kind: 'unresolved', reason: `no executable ${where.kind === 'bare' ? where.name : where.relative} in ${this.placesSearched()}` };
    if (found.path === file) return { kind: 'unchanged', reason: 'same' };
    return { kind: 'resolved', ...found };
  }

  /** What an unresolved command was looked for in, for its message. */
  private placesSearched(): string {
    const places = ['the outputs'];
    if (this.searchPath.length > 0) places.push('the search path');
    if (this.dependencies.length > 0) places.push('the dependencies');
    if (this.fallback.length > 0) places.push('the fallback set');
    let said = places.length === 1 ? places[0]! : `${places.slice(0, -1).join(', ')} or ${places[places.length - 1]!}`;
    if (this.searchPath.length === 0) {
      said += this.ignoredSearchPath.length > 0
        ? ` (the search path had only FHS folders, ${this.ignoredSearchPath.join(':')}, which a hermetic-/usr system does not have: ignored)`
        : ' (the search path is empty)';
    }
    return said;
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

  /** Whether a path exists, asked of the file system once per run (the resolvers of a closure share the answers). */
  exists(file: string): boolean {
    return this.cache.existence.exists(file);
  }

  private computeFile(file: string): Resolution {
    const relative = fhsFileRelative(file);
    if (relative === undefined) return { kind: 'unchanged', reason: 'not-fhs' };
    for (const output of this.outputs) {
      const full = path.join(output, relative);
      if (this.exists(full)) return { kind: 'resolved', path: full, via: 'output' };
    }
    let found = this.cache.inDependencies.get(relative);
    if (found === undefined) {
      found = [...this.dependencyRoots, ...this.fallback].map((root) => path.join(root, relative)).find((full) => this.exists(full)) ?? null;
      this.cache.inDependencies.set(relative, found);
    }
    if (found !== null) return { kind: 'resolved', path: found, via: this.fallback.some((root) => isBelow(found!, root)) ? 'fallback' : 'dependency' };
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

  private onSearchPath(relative: string, name: string): Found | undefined {
    let found = this.cache.onSearchPath.get(relative);
    if (found === undefined) {
      found = this.searchOnce(relative, name) ?? null;
      this.cache.onSearchPath.set(relative, found);
    }
    return found ?? undefined;
  }

  /**
   * After the outputs: a program name on the search path, then in the
   * dependencies' program folders (a dependency's sbin/ or libexec/ is not on
   * HOST_PATH), then in the fallback set; any other path (lib/…, libexec/…)
   * at its place in a dependency, then in the fallback set.
   */
  private searchOnce(relative: string, name: string): Found | undefined {
    if (isBinRelative(relative)) {
      for (const dir of this.searchPath) {
        const full = under(dir, name);
        if (this.isExecutable(full)) return { path: full, via: 'search-path' };
      }
      return this.inPrograms(this.dependencies, name, 'dependency') ?? this.inPrograms(this.fallback, name, 'fallback');
    }
    const swapped = swapLibDir(relative);
    const candidates = swapped ? [relative, swapped] : [relative];
    return this.atPlace(this.dependencyRoots, candidates, 'dependency') ?? this.atPlace(this.fallback, candidates, 'fallback');
  }

  private inPrograms(roots: readonly string[], name: string, via: 'dependency' | 'fallback'): Found | undefined {
    for (const root of roots) {
      for (const folder of PROGRAM_FOLDERS) {
        const full = under(root, `${folder}/${name}`);
        if (this.isExecutable(full)) return { path: full, via };
      }
    }
    return undefined;
  }

  private atPlace(roots: readonly string[], candidates: readonly string[], via: 'dependency' | 'fallback'): Found | undefined {
    for (const root of roots) {
      for (const candidate of candidates) {
        const full = under(root, candidate);
        if (this.isExecutable(full)) return { path: full, via };
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

type Found = { readonly path: string; readonly via: 'search-path' | 'dependency' | 'fallback' };

/**
 * The search path, dependencies and fallback set as the resolver uses them:
 * absolute, canonical, FHS folders of the search path left out (a PATH
 * outside a build, /usr/bin:/bin, would only trade one FHS path for another).
 */
function deriveLists(options: ResolverOptions, storeDir: string): DerivedLists {
  const given = options.searchPath.filter((d) => d !== '' && path.isAbsolute(d));
  const isFhs = (d: string) => classifyExecutable(path.join(d, 'x'), storeDir).kind === 'fhs';
  const searchPath = given.filter((d) => !isFhs(d)).map((d) => path.resolve(d));
  const ignoredSearchPath = [...new Set(given.filter(isFhs))];
  const dependencies = [...new Set((options.dependencies ?? []).map(canonical))];
  const owners = searchPath.filter((d) => ['bin', 'sbin'].includes(path.basename(d))).map((d) => path.dirname(d));
  const dependencyRoots = [...new Set([...dependencies, ...owners])];
  const fallback = [...new Set((options.fallback ?? []).map(canonical))].filter((root) => !dependencyRoots.includes(root));
  return { from: [options.searchPath, options.dependencies, options.fallback, storeDir], searchPath, ignoredSearchPath, dependencies, dependencyRoots, fallback };
}

/** The real path of a folder that exists; the absolute path of one that does not (yet). */
function canonical(folder: string): string {
  const absolute = path.resolve(folder);
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute;
  }
}

function isBelow(file: string, root: string): boolean {
  return file.startsWith(root.endsWith('/') ? root : `${root}/`);
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
