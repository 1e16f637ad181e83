import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parseUnit } from '../formats/unit/parse.js';
import { parseTmpfiles } from '../formats/tmpfiles/parse.js';
import { parseSysusers } from '../formats/sysusers/parse.js';
import { parsePc } from '../formats/pkgconfig/parse.js';
import { Resolver, ResolverCache } from '../resolve/resolver.js';
import { displayText, toByteString } from '../text/bytes.js';
import { splitSystemdLines } from '../text/systemd-lines.js';
import { RULES } from '../../rules/index.js';
import { NON_CONFIG_FOLDERS, fileFormatByName, lintFormatOf, walkTree } from './collect.js';
import { isSuppressed, parseSuppressions } from './suppressions.js';
import type { FileFormat, Finding, LintFile, ReportInput, Rule, RuleContext, Severity } from './types.js';

export interface LintOptions {
  /** Store paths or folders to lint. */
  readonly paths: readonly string[];
  /** Store paths of the whole closure (nix-store --query --requisites): commands must exist there, fixes may use them. */
  readonly closure?: readonly string[];
  /** Also read every program and script (deep-fhs-strings). */
  readonly deep?: boolean;
  readonly rules?: readonly Rule[];
  /** Per rule: a severity, or 'off'. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Globs, relative to each linted root, of files not to lint. */
  readonly ignores?: readonly string[];
  readonly storeDir?: string;
  readonly wrappers?: Readonly<Record<string, string | null>>;
  readonly onProgress?: (filesScanned: number, findings: number) => void;
}

export interface LintReport {
  readonly findings: readonly Finding[];
  readonly filesScanned: number;
  /** Files or folders that could not be read. */
  readonly errors: readonly { readonly path: string; readonly message: string }[];
  readonly rules: readonly Rule[];
}

/** The rule that reports suppression comments that suppress nothing; it lives in the engine. */
export const UNUSED_SUPPRESSION = 'unused-suppression';

function parse(format: FileFormat, source: Buffer): Partial<LintFile> {
  switch (format) {
    case 'unit':
      return { unit: parseUnit(source) };
    case 'tmpfiles':
      return { tmpfiles: parseTmpfiles(source) };
    case 'sysusers':
      return { sysusers: parseSysusers(source) };
    case 'pkgconfig':
      return { pkgconfig: parsePc(source) };
    default:
      return {};
  }
}

const head = Buffer.alloc(4);
const chunk = Buffer.allocUnsafe(1 << 16);

/**
 * A file's bytes, read with one open, read and close (readFileSync adds an
 * fstat for the size): a lint reads thousands of small files.
 */
function readWhole(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      parts.push(Buffer.from(chunk.subarray(0, n)));
      total += n;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** A file's lines as its format's tool counts them, as findings count them. */
function linesOf(file: LintFile): string[] {
  const { text } = file;
  if (file.format === 'pkgconfig') return text.split(/\r\n|\n|\r/);
  const lines = file.unit ? file.unit.lines : splitSystemdLines(text);
  return lines.map((l) => text.slice(l.start, l.contentEnd));
}


/** An ELF file or a script: executable, starting with the ELF magic or '#!'. */
function isProgram(file: string): boolean {
  // Programs are executable; checking the mode first spares opening every data file.
  if ((fs.statSync(file).mode & 0o111) === 0) return false;
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, head, 0, 4, 0) < 4) return false;
    return head.readUInt32BE(0) === 0x7f454c46 || (head[0] === 0x23 && head[1] === 0x21);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Lints store paths: walks each, parses every file of a known format once,
 * (with synchronous I/O: many small files, no thread-pool round trips),
 * runs the rules that apply, honours severities, ignores and inline
 * suppressions. Never throws for a bad file: it becomes an entry in errors.
 */
export async function lintPaths(options: LintOptions): Promise<LintReport> {
  const allRules = options.rules ?? RULES;
  const severities = new Map(allRules.map((r) => [r.id, options.severities?.[r.id] ?? r.severity]));
  const rules = allRules.filter((r) => severities.get(r.id) !== 'off' && (!r.deep || options.deep));
  const treeRules = rules.filter((r) => r.appliesTo.includes('tree') && r.checkTree);
  // The rules for each format, worked out once rather than for every file.
  const fileRules = new Map<FileFormat, Rule[]>();
  const rulesFor = (format: FileFormat): Rule[] => {
    let list = fileRules.get(format);
    if (!list) fileRules.set(format, (list = rules.filter((r) => r.appliesTo.includes(format) && r.checkFile)));
    return list;
  };
  const unusedSeverity = options.severities?.[UNUSED_SUPPRESSION] ?? 'warning';
  const findings: Finding[] = [];
  const errors: { path: string; message: string }[] = [];
  const closure = new Set(options.closure ?? []);
  const dependencies = [...closure];
  const storeDir = path.resolve(options.storeDir ?? process.env['NIX_STORE'] ?? '/nix/store');
  const ignored = options.ignores && options.ignores.length > 0 ? picomatch([...options.ignores], { dot: true }) : () => false;
  const searchPath = dependencies.flatMap((p) => [path.join(p, 'bin'), path.join(p, 'sbin')]);
  let filesScanned = 0;
  // Every store path's resolver has the same search path: share what they find there.
  const resolverCache = new ResolverCache();

  for (const input of options.paths) {
    let root: string;
    let stat: fs.Stats;
    try {
      root = fs.realpathSync.native(input);
      stat = fs.statSync(root);
    } catch (error) {
      errors.push({ path: input, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const resolver = new Resolver({ outputs: [root], searchPath, dependencies, storeDir, cache: resolverCache, ...(options.wrappers ? { wrappers: options.wrappers } : {}) });
    // A single file (a repository's foo.service.in, as pre-commit passes them): its format by name alone.
    const single = stat.isFile();
    const base = single ? path.dirname(root) : root;
    // The walk decides each file's format as it lists it; remember it rather than decide twice.
    const formats = new Map<string, FileFormat>();
    const keep = (relative: string): boolean => {
      const format = lintFormatOf(relative);
      if (format) formats.set(relative, format);
      return format !== undefined;
    };
    const tree = single
      ? { root: base, files: [path.basename(root)], dirs: new Map<string, number>(), links: new Set<string>(), errors: [] }
      : options.deep
        ? walkTree(root)
        : walkTree(root, keep, (folder) => NON_CONFIG_FOLDERS.has(folder));
    errors.push(...tree.errors);
    // One context per rule and root; `current` and `sink` say which file the findings are about.
    let current: LintFile | undefined;
    let sink: Finding[] = [];
    const contexts = new Map<Rule, RuleContext>();
    const contextOf = (rule: Rule): RuleContext => {
      let context = contexts.get(rule);
      if (!context) {
        const severity = severities.get(rule.id) as Severity;
        context = {
          closure,
          storeDir,
          resolver,
          report(r: ReportInput) {
            const where = r.file !== undefined ? path.join(base, r.file) : (current?.path ?? base);
            sink.push({ ruleId: rule.id, severity, message: r.message, path: where, line: r.line ?? 1, column: r.column ?? 1, fixable: rule.fixable && r.fixable === true });
          },
        };
        contexts.set(rule, context);
      }
      return context;
    };
    if (!single) {
      for (const rule of treeRules) {
        sink = [];
        rule.checkTree!(tree, contextOf(rule));
        for (const f of sink) if (!ignored(path.relative(base, f.path))) findings.push(f);
      }
    }
    for (const relative of tree.files) {
      // The walk knows links and regular files apart: a file of no known format is not even stat'ed.
      if (tree.links.has(relative)) continue;
      let format = single ? fileFormatByName(root) : (formats.get(relative) ?? (options.deep ? lintFormatOf(relative) : undefined));
      if (!format && !options.deep) continue;
      if (ignored(relative)) continue;
      const full = single ? root : `${base}/${relative}`;
      options.onProgress?.(filesScanned, findings.length);
      try {
        if (!format && isProgram(full)) format = 'program';
        if (!format) continue;
        const wanted = rulesFor(format);
        if (wanted.length === 0) continue;
        const source = readWhole(full);
        const text = toByteString(source);
        const file: LintFile = { path: full, root: base, relative, format, source, text, ...parse(format, source) };
        filesScanned++;
        const own: Finding[] = (sink = []);
        current = file;
        for (const rule of wanted) rule.checkFile!(file, contextOf(rule));
        current = undefined;
        // Comments can only suppress what is there: most files have neither findings nor directives.
        const hasDirectives = format !== 'program' && text.includes('unitfix-');
        if (own.length === 0 && !hasDirectives) continue;
        const sourceLines = format === 'program' ? [] : linesOf(file);
        const suppressions = hasDirectives ? parseSuppressions(sourceLines) : [];
        for (const f of own) {
          if (suppressions.length > 0 && isSuppressed(suppressions, f.ruleId, f.line)) continue;
          const line = sourceLines[f.line - 1];
          findings.push(line === undefined ? f : { ...f, sourceLine: displayText(line) });
        }
        for (const s of unusedSeverity === 'off' ? [] : suppressions) {
          if (s.used) continue;
          const known = severities.get(s.ruleId);
          if (known === 'off') continue;
          const message = known ? `this unitfix-disable of ${s.ruleId} suppresses nothing: remove it` : `unitfix-disable names '${s.ruleId}', which is not a rule`;
          findings.push({ ruleId: UNUSED_SUPPRESSION, severity: unusedSeverity as Severity, message, path: full, line: s.line, column: 1, fixable: false });
        }
      } catch (error) {
        current = undefined;
        errors.push({ path: full, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      }
    }
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  return { findings, filesScanned, errors, rules: allRules };
}
