import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parseUnit } from '../formats/unit/parse.js';
import { parseTmpfiles } from '../formats/tmpfiles/parse.js';
import { parseSysusers } from '../formats/sysusers/parse.js';
import { parsePc } from '../formats/pkgconfig/parse.js';
import { Resolver, ResolverCache } from '../resolve/resolver.js';
import { toByteString } from '../text/bytes.js';
import { splitSystemdLines } from '../text/systemd-lines.js';
import { RULES } from '../../rules/index.js';
import { fileFormatByName, lintFormatOf, walkTree } from './collect.js';
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
  const severity = (rule: Rule): Severity | 'off' => options.severities?.[rule.id] ?? rule.severity;
  const rules = allRules.filter((r) => severity(r) !== 'off' && (!r.deep || options.deep));
  // The rules for each format, worked out once rather than for every file.
  const fileRules = new Map<FileFormat, Rule[]>();
  const rulesFor = (format: FileFormat): Rule[] => {
    let list = fileRules.get(format);
    if (!list) fileRules.set(format, (list = rules.filter((r) => r.appliesTo.includes(format) && r.checkFile)));
    return list;
  };
  const findings: Finding[] = [];
  const errors: { path: string; message: string }[] = [];
  const closure = new Set(options.closure ?? []);
  const storeDir = path.resolve(options.storeDir ?? process.env['NIX_STORE'] ?? '/nix/store');
  const ignored = picomatch(options.ignores && options.ignores.length > 0 ? [...options.ignores] : ['\0'], { dot: true });
  const searchPath = [...closure].flatMap((p) => [path.join(p, 'bin'), path.join(p, 'sbin')]);
  let filesScanned = 0;
  // Every store path's resolver has the same search path: share what they find there.
  const resolverCache = new ResolverCache();

  for (const input of options.paths) {
    let root: string;
    try {
      root = fs.realpathSync(input);
    } catch (error) {
      errors.push({ path: input, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const resolver = new Resolver({ outputs: [root], searchPath, dependencies: [...closure], storeDir, cache: resolverCache, ...(options.wrappers ? { wrappers: options.wrappers } : {}) });
    const stat = fs.statSync(root);
    // A single file (a repository's foo.service.in, as pre-commit passes them): its format by name alone.
    const single = stat.isFile();
    const base = single ? path.dirname(root) : root;
    const tree = single ? { root: base, files: [path.basename(root)], dirs: new Map<string, number>(), links: new Set<string>(), errors: [] } : walkTree(root, options.deep ? undefined : (relative) => lintFormatOf(relative) !== undefined);
    errors.push(...tree.errors);
    const context = (rule: Rule, file: LintFile | undefined, sink: Finding[]): RuleContext => ({
      closure,
      storeDir,
      resolver,
      report(r: ReportInput) {
        const s = severity(rule) as Severity;
        const where = r.file !== undefined ? path.join(base, r.file) : (file?.path ?? base);
        sink.push({ ruleId: rule.id, severity: s, message: r.message, path: where, line: r.line ?? 1, column: r.column ?? 1, fixable: rule.fixable && r.fixable === true });
      },
    });
    if (!single) {
      for (const rule of rules.filter((r) => r.appliesTo.includes('tree') && r.checkTree)) {
        const own: Finding[] = [];
        rule.checkTree!(tree, context(rule, undefined, own));
        findings.push(...own.filter((f) => !ignored(path.relative(base, f.path))));
      }
    }
    for (const relative of tree.files) {
      // The walk knows links and regular files apart: a file of no known format is not even stat'ed.
      if (tree.links.has(relative)) continue;
      let format = single ? fileFormatByName(root) : lintFormatOf(relative);
      if (!format && !options.deep) continue;
      if (ignored(relative)) continue;
      const full = single ? root : `${base}/${relative}`;
      try {
        if (!format && isProgram(full)) format = 'program';
        if (!format) continue;
        const wanted = rulesFor(format);
        if (wanted.length === 0) continue;
        const source = fs.readFileSync(full);
        const text = toByteString(source);
        const file: LintFile = { path: full, root: base, relative, format, source, text, ...parse(format, source) };
        filesScanned++;
        const own: Finding[] = [];
        for (const rule of wanted) rule.checkFile!(file, context(rule, file, own));
        // Lines counted the way the format's tool counts them, as the findings are.
        const sourceLines = format === 'program' ? [] : format === 'pkgconfig' ? text.split(/\r\n|\n|\r/) : splitSystemdLines(text).map((l) => text.slice(l.start, l.contentEnd));
        const suppressions = parseSuppressions(sourceLines);
        const unusedSeverity = options.severities?.[UNUSED_SUPPRESSION] ?? 'warning';
        for (const f of own) {
          if (isSuppressed(suppressions, f.ruleId, f.line)) continue;
          const line = sourceLines[f.line - 1];
          findings.push(line === undefined || format === 'program' ? f : { ...f, sourceLine: Buffer.from(line, 'latin1').toString('utf8') });
        }
        for (const s of unusedSeverity === 'off' ? [] : suppressions) {
          if (s.used) continue;
          const known = allRules.some((r) => r.id === s.ruleId);
          if (known && severity(allRules.find((r) => r.id === s.ruleId)!) === 'off') continue;
          const message = known ? `this unitfix-disable of ${s.ruleId} suppresses nothing: remove it` : `unitfix-disable names '${s.ruleId}', which is not a rule`;
          findings.push({ ruleId: UNUSED_SUPPRESSION, severity: unusedSeverity as Severity, message, path: full, line: s.line, column: 1, fixable: false });
        }
      } catch (error) {
        errors.push({ path: full, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      }
      options.onProgress?.(filesScanned, findings.length);
    }
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  return { findings, filesScanned, errors, rules: allRules };
}
