import path from 'node:path';
import picomatch from 'picomatch';
import { FORMAT_IDS, formatById, loadFormats, type AnyFormat, type ParsedFile } from '../formats/registry.js';
import { MARKER_FOLDER } from '../formats/classify.js';
import { Resolver, ResolverCache } from '../resolve/resolver.js';
import { displayText, toByteString } from '../text/bytes.js';
import { splitSystemdLines } from '../text/systemd-lines.js';
import { RULES } from '../../rules/index.js';
import { readAhead } from './read-ahead.js';
import { binaryAt } from '../text/binary.js';
import { fsErrorWords } from '../fs/error-words.js';
import { isProgram, readWhole } from './read-roots.js';
import { isSuppressed, parseSuppressions } from './suppressions.js';
import type { FileFormat, Finding, LintFile, Severity } from './types.js';
import type { AnyRule } from './rule.js';
import { RuleRunner, type RootContext } from './rule-runner.js';

export interface LintOptions {
  /** Store paths or folders to lint. */
  readonly paths: readonly string[];
  /** Store paths of the whole closure (nix-store --query --requisites): commands must exist there, fixes may use them. */
  readonly closure?: readonly string[];
  /** Also read every program and script (deep-fhs-strings). */
  readonly deep?: boolean;
  readonly rules?: readonly AnyRule[];
  /** Per rule: a severity, or 'off'. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Per rule: option name → value (see Rule.options; unknown ones are the caller's to refuse). */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Globs, relative to each linted root, of files not to lint. */
  readonly ignores?: readonly string[];
  readonly storeDir?: string;
  readonly wrappers?: Readonly<Record<string, string | null>>;
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
}

const FORMATS: readonly FileFormat[] = [...FORMAT_IDS, 'program'];

/** The rule a binary file of a text format is reported under: no tool would read it as that format. */
const BINARY_RULE = 'syntax-error';

/** The rule that reports suppression comments that suppress nothing; it lives in the engine. */
export const UNUSED_SUPPRESSION = 'unused-suppression';

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

/**
 * Lints store paths: walks each and reads its files of known formats (on a
 * reader thread for many paths, see readAhead), parses each once, runs the
 * rules that apply, honours severities, ignores and inline suppressions.
 * Never throws for a bad file: it becomes an entry in errors.
 */
export async function lintPaths(options: LintOptions): Promise<LintReport> {
  const allRules = options.rules ?? RULES;
  const storeDir = path.resolve(options.storeDir ?? process.env['NIX_STORE'] ?? '/nix/store');
  const runner = new RuleRunner(allRules, FORMATS, { ...options, storeDir });
  const severities = runner.severities;
  const unusedSeverity = options.severities?.[UNUSED_SUPPRESSION] ?? 'warning';
  const findings: Finding[] = [];
  const errors: { path: string; message: string }[] = [];
  const nothingToLint: string[] = [];
  const closure = new Set(options.closure ?? []);
  const dependencies = [...closure];
  const ignored = options.ignores && options.ignores.length > 0 ? picomatch([...options.ignores], { dot: true }) : () => false;
  const searchPath = dependencies.flatMap((p) => [path.join(p, 'bin'), path.join(p, 'sbin')]);
  let filesScanned = 0;
  const withLines = options.sourceLines ?? true;
  // Every store path's resolver has the same search path: share what they find there.
  const resolverCache = new ResolverCache();
  const formats = runner.formatsRead();
  const syntaxes = new Map<FileFormat, AnyFormat>((await loadFormats()).map((f) => [f.id, f]));
  const reading = readAhead(options.paths, { deep: options.deep ?? false, formats }, options.readers ?? 1);

  for await (const read of reading.roots) {
    errors.push(...read.errors);
    const { root, base } = read;
    if (root === undefined || base === undefined) continue;
    const foundBefore = findings.length;
    const scannedBefore = filesScanned;
    const resolver = new Resolver({
      outputs: [root],
      searchPath,
      dependencies,
      storeDir,
      cache: resolverCache,
      ...(read.programs ? { programs: new Map([[root, new Set(read.programs)]]) } : {}),
      ...(options.wrappers ? { wrappers: options.wrappers } : {}),
    });
    const topLevel = read.tree ? new Set(read.tree.topLevel) : undefined;
    const context: RootContext = { closure, lintedRoots: options.paths, storeDir, resolver, ...(topLevel ? { topLevel } : {}) };
    const rules = runner.forRoot(context, base);
    if (read.tree) for (const f of rules.checkTree(read.tree)) if (!ignored(path.relative(base, f.path))) findings.push(f);
    const lintFile = (relative: string, format: FileFormat, source: Buffer, full: string): void => {
      options.onProgress?.(filesScanned, findings.length);
      // A binary file named like a unit: one finding, not one per run of bytes the parser trips on.
      const binary = format === 'program' ? undefined : binaryAt(source);
      if (binary) {
        filesScanned++;
        const severity = severities.get(BINARY_RULE);
        if (severity && severity !== 'off') findings.push({ ruleId: BINARY_RULE, severity, message: `binary (a NUL byte), not read as a ${formatById(format)?.noun ?? format}`, path: full, ...binary, fixable: false });
        return;
      }
      const syntax = syntaxes.get(format);
      const file: LintFile = { path: full, root: base, relative, format, source, ...parse(syntax, source) };
      const { text } = file;
      filesScanned++;
      const own = rules.checkFile(file);
      // Comments can only suppress what is there: most files have neither findings nor directives.
      const hasDirectives = format !== 'program' && text.includes('unitfix-');
      if (own.length === 0 && !hasDirectives) return;
      const lines = hasDirectives || (withLines && format !== 'program') ? linesOf(file, syntax) : undefined;
      const suppressions = hasDirectives ? parseSuppressions(lines!) : [];
      for (const f of own) {
        if (suppressions.length > 0 && isSuppressed(suppressions, f.ruleId, f.line)) continue;
        const line = lines?.[f.line - 1];
        if (line !== undefined) (f as { sourceLine?: string }).sourceLine = displayText(line);
        findings.push(f);
      }
      for (const s of unusedSeverity === 'off' ? [] : suppressions) {
        if (s.used) continue;
        const known = severities.get(s.ruleId);
        if (known === 'off') continue;
        const message = known ? `this unitfix-disable of ${s.ruleId} suppresses nothing: remove it` : `unitfix-disable names '${s.ruleId}', which is not a rule`;
        findings.push({ ruleId: UNUSED_SUPPRESSION, severity: unusedSeverity as Severity, message, path: full, line: s.line, column: 1, fixable: false });
      }
    };
    for (const { relative, format, source } of read.files) {
      if (!ignored(relative)) lintFile(relative, format, source, read.single ? root : `${base}/${relative}`);
    }
    // Programs past the reader's budget: read here, one at a time, and dropped once linted.
    for (const { relative } of read.deferred) {
      if (ignored(relative)) continue;
      const full = `${base}/${relative}`;
      let source;
      try {
        source = readWhole(full);
      } catch (error) {
        errors.push({ path: full, message: `cannot read: ${fsErrorWords(error)}` });
        continue;
      }
      if (isProgram(source)) lintFile(relative, 'program', source, full);
    }
    const hasLintedFolder = read.tree !== undefined && [...read.tree.dirs.keys()].some((dir) => MARKER_FOLDER.test(dir));
    if (filesScanned === scannedBefore && findings.length === foundBefore && !hasLintedFolder) nothingToLint.push(read.input);
    reading.done(read);
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  // Readers finish in no set order: report what could not be read in path order.
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { findings, filesScanned, errors, rules: allRules, nothingToLint };
}
