import type { UnitFile } from '../formats/unit/model.js';
import type { TmpfilesFile } from '../formats/tmpfiles/model.js';
import type { SysusersFile } from '../formats/sysusers/model.js';
import type { PcFile } from '../formats/pkgconfig/model.js';
import type { UdevRulesFile } from '../formats/udev/model.js';
import type { DbusServiceFile } from '../formats/dbus/model.js';
import type { Resolver } from '../resolve/resolver.js';
import type { FormatId, ParsedFile } from '../formats/registry.js';

export type Severity = 'error' | 'warning' | 'info';

/** What a file is to the linter, from where it sits: a format of the registry, or with --deep a program. */
export type FileFormat = FormatId | 'program';

/** A file under a linted root, with its parse done once and shared by every rule. */
export interface LintFile {
  /** Absolute path (as found under the root, links not resolved). */
  readonly path: string;
  /** The root it was found under: a store path or a folder. */
  readonly root: string;
  /** Path relative to the root. */
  readonly relative: string;
  readonly format: FileFormat;
  readonly source: Buffer;
  /** The file's text as a byte string (one char per byte). */
  readonly text: string;
  /** Its parse, typed by its format; undefined for a program. */
  readonly parsed?: ParsedFile;
  // The same parse under one name per format, as the rules read it until they take `parsed`.
  readonly unit?: UnitFile;
  readonly tmpfiles?: TmpfilesFile;
  readonly sysusers?: SysusersFile;
  readonly pkgconfig?: PcFile;
  readonly udevRules?: UdevRulesFile;
  readonly dbus?: DbusServiceFile;
}

/** What a rule that looks at the shape of a whole root gets. */
export interface LintTree {
  readonly root: string;
  /** Relative paths of regular files and symlinks. */
  readonly files: readonly string[];
  /** Relative paths of folders, with how many entries each has. */
  readonly dirs: ReadonlyMap<string, number>;
}

export interface ReportInput {
  /** For tree rules: the file or folder concerned, relative to the root. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** A fix exists: `unitfix fix` (or `lint --fix`) makes this finding go away. */
  readonly fixable?: boolean;
}

export interface RuleContext {
  report(finding: ReportInput): void;
  /** Store paths of the linted closure (empty when no --closure was given). */
  readonly closure: ReadonlySet<string>;
  /** Every path being linted, as given (store paths, or folders standing for them). */
  readonly lintedRoots: readonly string[];
  readonly storeDir: string;
  /** Resolves against the linted root and the closure, as `unitfix fix` would. */
  readonly resolver: Resolver;
  /** This rule's options, from .unitfixrc [rule-options] or --rule-option (declared defaults filled in). */
  readonly options: Readonly<Record<string, string>>;
  /** Names at the top of the linted root, from its walk; undefined for a single file. */
  readonly topLevel?: ReadonlySet<string>;
}

export interface RuleOption {
  readonly values: readonly [string, ...string[]];
  readonly describe: string;
}

export interface Rule {
  /** Stable id, used in config, suppressions and reports. */
  readonly id: string;
  /** One line: what the rule flags. */
  readonly description: string;
  readonly severity: Severity;
  /** Whether `unitfix fix` (and `lint --fix`) can make its findings go away. */
  readonly fixable: boolean;
  /** Only with --deep (reads every file). */
  readonly deep?: boolean;
  /** Settings a user may choose, by name: the values allowed (the first is the default) and what they do. */
  readonly options?: Readonly<Record<string, RuleOption>>;
  /** The formats whose files it checks; 'tree' for the shape of a root. */
  readonly appliesTo: readonly (FileFormat | 'tree')[];
  checkFile?(file: LintFile, context: RuleContext): void;
  checkTree?(tree: LintTree, context: RuleContext): void;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Absolute path of the file (or folder). */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly fixable: boolean;
  /** The source line, for reporters that show it. */
  readonly sourceLine?: string;
}
