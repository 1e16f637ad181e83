import { fixPaths, type FixReport } from '../fix/fix.js';
import { closureSearchPath } from './closure.js';

/** Where `lint --fix` looks for what a path is rewritten to: FixOptions' fields, with lint's defaults. */
export interface LintFixOptions {
  /** The package's outputs, first match wins; default: each linted path on its own, as `unitfix fix PATH` does. */
  readonly outputs?: readonly string[];
  /** Folders to look programs up in; default: the closure's bin/ and sbin/ when there is a closure, else $PATH. */
  readonly searchPath?: readonly string[];
  /** Dependencies besides the closure's store paths. */
  readonly dependencies?: readonly string[];
  /** Packages searched last; each use is reported (FixReport.fallbackReferences). */
  readonly fallback?: readonly string[];
}

/** What the fixes share with the lint that follows them. */
export interface FixContext {
  readonly closure: readonly string[];
  readonly wrappers?: Readonly<Record<string, string | null>>;
  readonly storeDir?: string;
  /** The formats whose planners run: those the rules that are on name (plannersOf). */
  readonly planners: readonly string[];
}

/**
 * Applies the fixes of the rules that are on to each linted path in turn, as `unitfix fix` would,
 * so that the lint after it reports what is left. One report per path.
 */
export async function fixBeforeLint(paths: readonly string[], fix: LintFixOptions, context: FixContext): Promise<FixReport[]> {
  const { closure, wrappers, storeDir, planners } = context;
  const searchPath = fix.searchPath ?? (closure.length > 0 ? closureSearchPath(closure) : (process.env['PATH'] ?? '').split(':').filter(Boolean));
  const reports: FixReport[] = [];
  for (const root of paths) {
    reports.push(
      await fixPaths({
        paths: [root],
        formats: planners,
        ...(fix.outputs && fix.outputs.length > 0 ? { outputs: fix.outputs } : {}),
        searchPath,
        dependencies: [...closure, ...(fix.dependencies ?? [])],
        fallback: fix.fallback ?? [],
        ...(wrappers ? { wrappers } : {}),
        ...(storeDir ? { storeDir } : {}),
      }),
    );
  }
  return reports;
}
