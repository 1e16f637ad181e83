/**
 * unitfix as a library: parse, print and rewrite systemd units, tmpfiles.d,
 * sysusers.d and pkg-config files without losing a byte; resolve /usr paths
 * against outputs and dependencies; fix trees; lint store paths.
 */

// Bytes and edits
export { applyEdits, OverlappingEditsError, type Edit } from './text/edit.js';
export type { Span } from './text/span.js';

// Unit files
export { parseUnit, LONG_LINE_MAX } from './formats/unit/parse.js';
export { printUnit } from './formats/unit/print.js';
export type { UnitFile, UnitNode, UnitSection, AssignmentNode, SectionHeaderNode, UnitDiagnostic } from './formats/unit/model.js';
export { parseCommandLines, type CommandLine, type CommandPrefixes, type ParsedCommandLines } from './formats/unit/command-line.js';
export { isCommandKey } from './formats/unit/command-keys.js';
export { classifyUnitPath, type UnitFileKind, type UnitType } from './formats/unit/unit-type.js';
export { planCommandRewrites } from './formats/unit/rewrite-commands.js';

// tmpfiles.d and sysusers.d
export { parseTmpfiles } from './formats/tmpfiles/parse.js';
export { printTmpfiles } from './formats/tmpfiles/print.js';
export type { TmpfilesFile, TmpfilesEntry } from './formats/tmpfiles/model.js';
export { planTmpfilesRewrites } from './formats/tmpfiles/rewrite-paths.js';
export { parseSysusers } from './formats/sysusers/parse.js';
export { printSysusers } from './formats/sysusers/print.js';
export type { SysusersFile, SysusersEntry } from './formats/sysusers/model.js';
export { planSysusersRewrites } from './formats/sysusers/rewrite-shells.js';
export { DEFAULT_DIALECT, NEWEST_KNOWN_SYSTEMD, type SystemdDialect } from './formats/systemd-version.js';

// pkg-config
export { parsePc, printPc } from './formats/pkgconfig/parse.js';
export type { PcFile, PcNode } from './formats/pkgconfig/model.js';
export { evaluatePc, pcVariable, type PcEvaluation, type PcContext } from './formats/pkgconfig/evaluate.js';
export { planPcRewrites } from './formats/pkgconfig/rewrite-prefix.js';
export { INSTALL_DIR_VARIABLES, type InstallDirVariable } from './formats/pkgconfig/install-dirs.js';
export { buildPkgConfigShadow, type ShadowOptions, type ShadowReport } from './shadow/pkgconfig-shadow.js';

// Rewrites, resolution and fixing
export type { Rewrite, Replacement, Problem } from './formats/rewrite.js';
export { Resolver, type ResolverOptions, type Resolution } from './resolve/resolver.js';
export { DEFAULT_WRAPPERS } from './resolve/wrapper-table.js';
export { wrapperTable, type WrapperSources } from './resolve/wrapper-settings.js';
export { fixPaths, FIXERS, type FixOptions, type FixReport, type FileOutcome } from './fix/fix.js';

// Linting
export { lintPaths, type LintOptions, type LintReport } from './lint/engine.js';
export type { LintFixOptions } from './lint/fix-before-lint.js';
export { closureOf } from './lint/closure.js';
export { lintSettings, type LintSettings, type SettingSources } from './lint/settings.js';
export { ConfigError } from './lint/config.js';
export type { Rule, RuleContext, LintFile, LintTree, Finding, Severity, FileFormat } from './lint/types.js';
export { RULES } from '../rules/index.js';
export { UsageError } from './usage-error.js';
export { VERSION } from './version.js';
