import path from 'node:path';
import picomatch from 'picomatch';
import { FORMAT_IDS, formatById, loadFormats, type AnyFormat, type ParsedFile } from '../formats/registry.js';
import { MARKER_FOLDER } from '../formats/classify.js';
import { Resolver, ResolverCache, type ResolverOptions } from '../resolve/resolver.js';
import { displayText, toByteString } from '../text/bytes.js';
import { splitSystemdLines } from '../text/systemd-lines.js';
import { RULES } from '../../rules/index.js';
import { readAhead } from './read-ahead.js';
import { binaryAt } from '../text/binary.js';
import { fsErrorWords } from '../fs/error-words.js';
import { isProgram, type ReadRoot } from './read-roots.js';
import { FileBytes, type ProgramBytes } from './program-bytes.js';
import { UNUSED_SUPPRESSION, isSuppressed, parseSuppressions, type Suppression } from './suppressions.js';
import { closureOf, closureSearchPath } from './closure.js';
import { lintSettings, type LintSettings, type SettingSources } from './settings.js';
import { fixBeforeLint, type LintFixOptions } from './fix-before-lint.js';
import type { FixReport } from '../fix/fix.js';
import type { FileFormat, Finding, LintFile, Severity } from './types.js';
import type { AnyRule } from './rule.js';
import { RuleRunner, type RootRules } from './rule-runner.js';
import { plannersOf } from './planners.js';

export interface LintOptions extends SettingSources {
  /** Store paths or folders to lint. */
  readonly paths: readonly string[];
  /** Store paths of the whole closure (nix-store --query --requisites): commands must exist there, fixes may use them. */
  readonly closure?: readonly string[];
  /** Store paths whose closures (nix-store --query --requisites) are linted too and join `closure` (lint --closure). */
  readonly closureOf?: readonly string[];
  /** Also read every program and script (deep-fhs-strings). */
  readonly deep?: boolean;
  readonly rules?: readonly AnyRule[];
  readonly storeDir?: string;
  /**
   * Apply every fix to `paths` first (not to the closure), as `unitfix fix`
   * would, then lint what is left (lint --fix): true, or where to look.
   */
  readonly fix?: boolean | LintFixOptions;
  readonly onProgress?: (filesScanned: number, findings: number) => void;
  /**
   * Threads that walk and read while this one lints (default 1; 0 reads on
   * this thread). Used for 20 inputs or more.
   */
  readonly readers?: number;
  /** Attach each finding's source line (for reporters that show it; default true). */
  readonly sourceLines?: boolean;
}

export interface LintReport {
  readonly findings: readonly Finding[];
  readonly filesScanned: number;
  /** Files or folders that could not be read. */
  readonly errors: readonly { readonly path: string; readonly message: string }[];
  readonly rules: readonly AnyRule[];
  /**
   * Inputs (as given) with nothing to lint: a file of no known format, or a
   * folder with none of the folders lint reads files from, no such file
   * elsewhere and nothing found. Named on purpose, that is a mistake worth
   * saying; in a closure, most store paths are like that.
   */
  readonly nothingToLint: readonly string[];
  /** With `fix`: what fixing did, one report per path, in order. */
  readonly fixes: readonly FixReport[];
}

const FORMATS: readonly FileFormat[] = [...FORMAT_IDS, 'program'];

/** The rule a binary file of a text format is reported under: no tool would read it as that format. */
const BINARY_RULE = 'syntax-error';

export { UNUSED_SUPPRESSION };

/** The source of a program that is read a chunk at a time. */
const EMPTY = Buffer.alloc(0);

/** A file's parse, with the byte string the parser made of it (one per file, not two). */
function parse(format: AnyFormat | undefined, source: Buffer): Pick<LintFile, 'text' | 'parsed'> {
  if (!format) return { text: toByteString(source) };
  const model = format.parse(source);
  return { text: model.text, parsed: { format: format.id, model } as ParsedFile };
}

/** A file's lines as its format's tool counts them, as findings count them. */
function linesOf(file: LintFile, format: AnyFormat | undefined): string[] {
  if (format && file.parsed) return format.sourceLines(file.parsed.model);
  return splitSystemdLines(file.text).map((l) => file.text.slice(l.start, l.contentEnd));
}

/** What every root of a run shares: the rules (by format, with their severities and options), the resolver's inputs. */
interface RunPlan {
  readonly runner: RuleRunner;
  readonly severities: ReadonlyMap<string, Severity | 'off'>;
  readonly unusedSeverity: Severity | 'off';
  readonly closure: ReadonlySet<string>;
  readonly lintedRoots: readonly string[];
  readonly storeDir: string;
  /** Every root's resolver has the same search path, dependencies and cache (shared: what one finds there, all find). */
  readonly resolving: Omit<ResolverOptions, 'outputs'>;
  readonly ignored: (relative: string) => boolean;
  readonly withLines: boolean;
  readonly onProgress?: (filesScanned: number, findings: number) => void;
}

/** What a run has found so far. */
interface RunResults {
  readonly findings: Finding[];
  readonly errors: { path: string; message: string }[];
  readonly nothingToLint: string[];
  filesScanned: number;
}

/** A read root that could be read: it has a real path and a base folder. */
type ReadableRoot = ReadRoot & { readonly root: string; readonly base: string };

function isReadable(read: ReadRoot): read is ReadableRoot {
  return read.root !== undefined && read.base !== undefined;
}

function planRun(options: LintOptions, settings: LintSettings, closure: readonly string[], lintedRoots: readonly string[]): RunPlan {
  const storeDir = path.resolve(options.storeDir ?? process.env['NIX_STORE'] ?? '/nix/store');
  const runner = new RuleRunner(options.rules ?? RULES, FORMATS, { ...settings, ...(options.deep ? { deep: true } : {}), storeDir });
  const dependencies = [...new Set(closure)];
  const ignored = settings.ignores.length > 0 ? picomatch([...settings.ignores], { dot: true }) : () => false;
  return {
    runner,
    severities: runner.severities,
    unusedSeverity: settings.severities[UNUSED_SUPPRESSION] ?? 'warning',
    closure: new Set(dependencies),
    lintedRoots,
    storeDir,
    resolving: { searchPath: closureSearchPath(dependencies), dependencies, storeDir, cache: new ResolverCache(), ...(settings.wrappers ? { wrappers: settings.wrappers } : {}) },
    ignored,
    withLines: options.sourceLines ?? true,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** Suppressions that suppressed nothing, as findings (unless that rule is off, or the one they name is). */
function unusedSuppressions(suppressions: readonly Suppression[], file: string, plan: RunPlan): Finding[] {
  if (plan.unusedSeverity === 'off') return [];
  const findings: Finding[] = [];
  for (const s of suppressions) {
    if (s.used) continue;
    const known = plan.severities.get(s.ruleId);
    if (known === 'off') continue;
    const message = known ? `this unitfix-disable of ${s.ruleId} suppresses nothing: remove it` : `unitfix-disable names '${s.ruleId}', which is not a rule`;
    findings.push({ ruleId: UNUSED_SUPPRESSION, severity: plan.unusedSeverity, message, path: file, line: s.line, column: 1, fixable: false });
  }
  return findings;
}

/** A file's findings less those its comments suppress, each with its source line, then the suppressions that suppressed nothing. */
function afterSuppressions(file: LintFile, syntax: AnyFormat | undefined, own: Finding[], plan: RunPlan): Finding[] {
  // Comments can only suppress what is there: most files have neither findings nor directives.
  const hasDirectives = file.format !== 'program' && file.text.includes('unitfix-');
  if (own.length === 0 && !hasDirectives) return [];
  const lines = hasDirectives || (plan.withLines && file.format !== 'program') ? linesOf(file, syntax) : undefined;
  const suppressions = hasDirectives ? parseSuppressions(lines!) : [];
  const kept: Finding[] = [];
  for (const f of own) {
    if (suppressions.length > 0 && isSuppressed(suppressions, f.ruleId, f.line)) continue;
    const line = lines?.[f.line - 1];
    if (line !== undefined) (f as { sourceLine?: string }).sourceLine = displayText(line);
    kept.push(f);
  }
  return [...kept, ...unusedSuppressions(suppressions, file.path, plan)];
}

/** Lints one read root: the rules about its tree, then each of its files; what they find goes to the run's results. */
class RootLinter {
  /** The rules at work on this root, with its resolver. */
  private readonly rules: RootRules;

  constructor(
    private readonly plan: RunPlan,
    private readonly results: RunResults,
    private readonly read: ReadableRoot,
    private readonly syntaxes: ReadonlyMap<FileFormat, AnyFormat>,
  ) {
    const programs = read.programs ? { programs: new Map([[read.root, new Set(read.programs)]]) } : {};
    const resolver = new Resolver({ ...plan.resolving, outputs: [read.root], ...programs });
    const topLevel = read.tree ? { topLevel: new Set(read.tree.topLevel) } : {};
    this.rules = plan.runner.forRoot({ closure: plan.closure, lintedRoots: plan.lintedRoots, storeDir: plan.storeDir, resolver, ...topLevel }, read.base);
  }

  lint(): void {
    const { plan, results, read } = this;
    const foundBefore = results.findings.length;
    const scannedBefore = results.filesScanned;
    this.lintTree();
    for (const { relative, format, source } of read.files) {
      if (!plan.ignored(relative)) this.lintFile(relative, format, source, read.single ? read.root : `${read.base}/${relative}`);
    }
    this.lintDeferredPrograms();
    const hasLintedFolder = read.tree !== undefined && [...read.tree.dirs.keys()].some((dir) => MARKER_FOLDER.test(dir));
    if (results.filesScanned === scannedBefore && results.findings.length === foundBefore && !hasLintedFolder) results.nothingToLint.push(read.input);
  }

  private lintTree(): void {
    const { tree, base } = this.read;
    if (!tree) return;
    for (const f of this.rules.checkTree(tree)) if (!this.plan.ignored(path.relative(base, f.path))) this.results.findings.push(f);
  }

  private lintFile(relative: string, format: FileFormat, source: Buffer, full: string, program?: ProgramBytes): void {
    const { plan, results } = this;
    plan.onProgress?.(results.filesScanned, results.findings.length);
    // A binary file named like a unit: one finding, not one per run of bytes the parser trips on.
    const binary = format === 'program' ? undefined : binaryAt(source);
    if (binary) {
      results.filesScanned++;
      const severity = plan.severities.get(BINARY_RULE);
      if (severity && severity !== 'off') results.findings.push({ ruleId: BINARY_RULE, severity, message: `binary (a NUL byte), not read as a ${formatById(format)?.noun ?? format}`, path: full, ...binary, fixable: false });
      return;
    }
    const syntax = this.syntaxes.get(format);
    const file: LintFile = { path: full, root: this.read.base, relative, format, source, ...parse(syntax, source), ...(program ? { program } : {}) };
    results.filesScanned++;
    const own = this.rules.checkFile(file);
    // One by one: a file can have more findings than a call can take arguments.
    for (const finding of afterSuppressions(file, syntax, own, plan)) results.findings.push(finding);
  }

  /** Programs past the reader's budget: scanned here, one at a time and a chunk at a time. */
  private lintDeferredPrograms(): void {
    for (const { relative } of this.read.deferred) {
      if (this.plan.ignored(relative)) continue;
      const full = this.read.single ? this.read.root : `${this.read.base}/${relative}`;
      let program;
      try {
        program = FileBytes.open(full);
      } catch (error) {
        this.results.errors.push({ path: full, message: `cannot read: ${fsErrorWords(error)}` });
        continue;
      }
      try {
        if (isProgram(program.read(0, 4))) this.lintFile(relative, 'program', EMPTY, full, program);
        if (program.error !== undefined) this.results.errors.push({ path: full, message: `cannot read: ${program.error}` });
      } finally {
        program.close();
      }
    }
  }
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function byPosition(a: Finding, b: Finding): number {
  return byPath(a, b) || a.line - b.line || a.column - b.column;
}

/**
 * Lints store paths: finds their closure when asked, reads the config and
 * settings, fixes first when asked, then walks each path and reads its
 * files of known formats (on a reader thread for many paths, see
 * readAhead), parses each once, runs the rules that apply, honours
 * severities, ignores and inline suppressions. A bad option, setting or
 * config file is a UsageError; a bad file never throws: it becomes an
 * entry in errors.
 */
export async function lintPaths(options: LintOptions): Promise<LintReport> {
  const rules = options.rules ?? RULES;
  const found = options.closureOf && options.closureOf.length > 0 ? await closureOf(options.closureOf) : [];
  const settings = lintSettings(options, rules);
  const closure = [...(options.closure ?? []), ...found];
  const fixContext = { closure, planners: plannersOf(rules, settings.severities), ...(settings.wrappers ? { wrappers: settings.wrappers } : {}), ...(options.storeDir ? { storeDir: options.storeDir } : {}) };
  const fixes = options.fix ? await fixBeforeLint(options.paths, options.fix === true ? {} : options.fix, fixContext) : [];
  const lintedRoots = [...options.paths, ...found];
  const plan = planRun(options, settings, closure, lintedRoots);
  const results: RunResults = { findings: [], errors: [], nothingToLint: [], filesScanned: 0 };
  const formats = plan.runner.formatsRead();
  const syntaxes = new Map<FileFormat, AnyFormat>((await loadFormats()).map((f) => [f.id, f]));
  const reading = readAhead(lintedRoots, { deep: options.deep ?? false, formats }, options.readers ?? 1);
  for await (const read of reading.roots) {
    for (const error of read.errors) results.errors.push(error);
    if (isReadable(read)) new RootLinter(plan, results, read, syntaxes).lint();
    reading.done(read);
  }
  results.findings.sort(byPosition);
  // Readers finish in no set order: report what could not be read in path order.
  results.errors.sort(byPath);
  return { findings: results.findings, filesScanned: results.filesScanned, errors: results.errors, rules, nothingToLint: results.nothingToLint, fixes };
}
