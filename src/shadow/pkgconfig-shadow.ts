import fs from 'node:fs/promises';
import path from 'node:path';
import { displayText } from '../text/bytes.js';
import type { Edit } from '../text/edit.js';
import { applyEdits } from '../text/edit.js';
import { evaluatePc, type PcEvaluation } from '../formats/pkgconfig/evaluate.js';
import { parsePc } from '../formats/pkgconfig/parse.js';
import { INSTALL_DIR_VARIABLES, installDirsOf, overrideVariableName, type InstallDirVariable } from '../formats/pkgconfig/install-dirs.js';
import { fhsFileRelative } from '../resolve/fhs-path.js';
import { configFilesOf, loadConfig, type ConfigChoice } from '../lint/config.js';

export interface ShadowOptions {
  /** The .pc search path, in order (PKG_CONFIG_PATH split). */
  readonly searchPath: readonly string[];
  /** Where each output's files go: { out: $out, dev: $dev }; 'out' is required. */
  readonly prefixes: Readonly<Record<string, string>>;
  /** The folder the shadow .pc files are written to. */
  readonly outDir: string;
  readonly table?: readonly InstallDirVariable[];
  /** .unitfixrc files whose [install-dirs] add to `table` ('nearest': the working folder's). A bad one is a ConfigError. */
  readonly config?: ConfigChoice;
}

/** The install-directory variables a package's .unitfixrc adds ([install-dirs] pkg.variable = output). */
function configuredInstallDirs(choice: ConfigChoice | undefined): InstallDirVariable[] {
  // Rule ids are not checked: a build reads the config for its install dirs only.
  return loadConfig(configFilesOf(choice, []), undefined).installDirs.map((d) => ({ ...d, what: 'from .unitfixrc' }));
}

export interface RemappedVariable {
  readonly variable: string;
  readonly from: string;
  readonly to: string;
  readonly env: string;
}

export interface ShadowedPackage {
  readonly name: string;
  readonly source: string;
  readonly written: string;
  readonly variables: readonly RemappedVariable[];
}

export interface ShadowReport {
  readonly packages: readonly ShadowedPackage[];
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}

/**
 * Where a dependency's install directory lands in the output being built:
 * the part below the dependency's prefix (or below /usr, or below / for
 * /lib/... as Debian's rootprefix= gives) under `target`.
 */
function remap(value: string, dependencyPrefix: string | undefined, target: string): string | undefined {
  if (dependencyPrefix && dependencyPrefix !== '/' && (value === dependencyPrefix || value.startsWith(`${dependencyPrefix}/`))) {
    return path.join(target, value.slice(dependencyPrefix.length));
  }
  const relative = fhsFileRelative(value);
  return relative === undefined ? undefined : path.join(target, relative);
}

/**
 * Writes to outDir a copy of every .pc file on the search path that defines
 * install-directory variables, with those variables pointing into the
 * output being built; Cflags, Libs, Requires and comments stay as they are.
 * The first .pc of a name on the search path wins, as in pkg-config.
 */
export async function buildPkgConfigShadow(options: ShadowOptions): Promise<ShadowReport> {
  const table = [...(options.table ?? INSTALL_DIR_VARIABLES), ...configuredInstallDirs(options.config)];
  const packages: ShadowedPackage[] = [];
  const problems: { file: string; message: string }[] = [];
  const seen = new Set<string>();
  await fs.mkdir(options.outDir, { recursive: true });
  const outDirReal = await fs.realpath(options.outDir);
  for (const dir of options.searchPath) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const dirReal = await fs.realpath(dir).catch(() => dir);
    if (dirReal === outDirReal) continue;
    for (const file of names.filter((n) => n.endsWith('.pc')).sort()) {
      const name = file.slice(0, -3);
      if (seen.has(name)) continue;
      seen.add(name);
      const wanted = installDirsOf(name, table);
      if (wanted.length === 0) continue;
      const source = path.join(dir, file);
      const bytes = await fs.readFile(source).catch(() => undefined);
      if (!bytes) {
        problems.push({ file: source, message: 'cannot read' });
        continue;
      }
      const parsed = parsePc(bytes);
      const evaluation = evaluatePc(parsed, { pcfiledir: dir });
      const dependencyPrefix = evaluation.variables.get('prefix');
      const edits: Edit[] = [];
      const variables: RemappedVariable[] = [];
      const remapped = new Map<string, string>();
      // In definition order, so a variable defined from another one sees it remapped already.
      const line = (v: string) => evaluation.definitions.get(v)?.line.number ?? Infinity;
      for (const want of [...wanted].sort((a, b) => line(a.variable) - line(b.variable))) {
        const node = evaluation.definitions.get(want.variable);
        const value = evaluation.variables.get(want.variable);
        if (!node || value === undefined) continue;
        const target = options.prefixes[want.output] ?? options.prefixes['out'];
        const to =
          target === undefined ? undefined : want.relative !== undefined ? path.join(target, want.relative) : remap(displayText(value), dependencyPrefix && displayText(dependencyPrefix), target);
        if (to === undefined) {
          problems.push({ file: source, message: `${want.variable}=${displayText(value)} is not under the prefix or /usr; left as it is` });
          continue;
        }
        remapped.set(want.variable, to);
        variables.push({ variable: want.variable, from: displayText(value), to, env: overrideVariableName(name, want.variable) });
        // udevdir=${udev_dir} follows udev_dir by itself: keep the reference.
        const reference = /^\$\{([A-Za-z0-9_.]+)\}(.*)$/.exec(node.rawValue);
        if (reference && remapped.has(reference[1]!) && remapped.get(reference[1]!) + reference[2]! === to) continue;
        const { start, end } = valueSpan(node.line.origins, node.valueStart, node.valueEnd, node.line.start);
        edits.push({ start, end, text: Buffer.from(to, 'utf8') });
      }
      if (variables.length === 0) continue;
      // The copy lives elsewhere: ${pcfiledir} must keep meaning the original folder. A reference inside
      // a value rewritten above is gone with it; references never overlap one another.
      const valueEdits = edits.slice();
      for (const line of parsed.lines) {
        for (const match of line.content.matchAll(/\$\{pcfiledir\}/g)) {
          const from = line.origins[match.index];
          const to = line.origins[match.index + match[0].length - 1];
          if (from !== undefined && to !== undefined && from >= 0 && to - from === match[0].length - 1) {
            if (!valueEdits.some((e) => e.start <= from && from < e.end)) edits.push({ start: from, end: to + 1, text: Buffer.from(dir, 'utf8') });
          }
        }
      }
      const copy = keepOthers(bytes, edits, evaluation, new Set(remapped.keys()), dir);
      if (typeof copy === 'string') {
        problems.push({ file: source, message: copy });
        continue;
      }
      const written = path.join(options.outDir, file);
      await fs.writeFile(written, copy);
      packages.push({ name, source, written, variables });
    }
  }
  return { packages, problems };
}

/**
 * The shadow copy, with every variable that is not remapped keeping the
 * value it had (`foo=${datadir}/x` after a remapped datadir is written out
 * as its old value); a message instead when that cannot be done or when a
 * field (Cflags, Libs…) would change.
 */
function keepOthers(bytes: Buffer, edits: Edit[], original: PcEvaluation, remapped: ReadonlySet<string>, dir: string): Buffer | string {
  const copy = evaluatePc(parsePc(applyEdits(bytes, edits)), { pcfiledir: dir });
  const pins: Edit[] = [];
  for (const [name, value] of original.variables) {
    if (remapped.has(name) || copy.variables.get(name) === value) continue;
    const node = original.definitions.get(name);
    if (!node || /[#\\$'"\r\n]/.test(value)) return `${name} is built on a remapped variable and cannot be kept as it was; no copy written`;
    const { start, end } = valueSpan(node.line.origins, node.valueStart, node.valueEnd, node.line.start);
    pins.push({ start, end, text: Buffer.from(value, 'latin1') });
  }
  for (const [field, value] of Object.entries(original.fields)) {
    if (copy.fields[field as keyof typeof copy.fields] !== value) return `${field} is built on a remapped variable and would change; no copy written`;
  }
  if (pins.length === 0) return applyEdits(bytes, edits);
  const kept = edits.filter((e) => !pins.some((p) => e.start < p.end && p.start < e.end));
  return applyEdits(bytes, [...kept, ...pins]);
}

/** The file span of a value, which pkgconf may have joined from several lines: the whole range is replaced. */
function valueSpan(origins: readonly number[], from: number, to: number, lineStart: number): { start: number; end: number } {
  const known = origins.slice(from, to).filter((o) => o >= 0);
  if (known.length === 0) {
    const at = origins.slice(0, from).filter((o) => o >= 0).pop();
    const position = at === undefined ? lineStart : at + 1;
    return { start: position, end: position };
  }
  return { start: known[0]!, end: known[known.length - 1]! + 1 };
}
