/**
 * unitfix as a library: parse, print and rewrite systemd units, tmpfiles.d,
 * sysusers.d, pkg-config files, udev rules and D-Bus activation files
 * without losing a byte; resolve /usr paths against outputs and
 * dependencies; fix trees; lint store paths.
 */

// The formats: one registry, one classifier
export { FORMATS, FORMAT_IDS, formatById, loadFormats, type Format, type AnyFormat, type FormatId, type ModelOf, type ParsedFile } from './formats/registry.js';
export { formatAt, formatNamed } from './formats/classify.js';
export type { FormatPlaces, FormatSyntax, ToolComplaint } from './formats/format.js';
export { FHS_ROOTS, ETC_ROOT, fhsLocation, type FhsRoot, type FhsLocation } from './fhs/roots.js';

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
export { planCommandRewrites } from './fix/plans/unit-commands.js';

// tmpfiles.d and sysusers.d
export { parseTmpfiles } from './formats/tmpfiles/parse.js';
export { printTmpfiles } from './formats/tmpfiles/print.js';
export type { TmpfilesFile, TmpfilesEntry } from './formats/tmpfiles/model.js';
export { planTmpfilesRewrites } from './fix/plans/tmpfiles.js';
export { parseSysusers } from './formats/sysusers/parse.js';
export { printSysusers } from './formats/sysusers/print.js';
export type { SysusersFile, SysusersEntry } from './formats/sysusers/model.js';
export { planSysusersRewrites } from './fix/plans/sysusers.js';
export { DEFAULT_DIALECT, NEWEST_KNOWN_SYSTEMD, type SystemdDialect } from './formats/systemd-version.js';

// pkg-config
export { parsePc, printPc } from './formats/pkgconfig/parse.js';
export type { PcFile, PcNode } from './formats/pkgconfig/model.js';
export { evaluatePc, pcVariable, type PcEvaluation, type PcContext } from './formats/pkgconfig/evaluate.js';
export { planPcRewrites } from './fix/plans/pkgconfig.js';
export { INSTALL_DIR_VARIABLES, type InstallDirVariable } from './formats/pkgconfig/install-dirs.js';
export { buildPkgConfigShadow, type ShadowOptions, type ShadowReport } from './shadow/pkgconfig-shadow.js';

// udev rules and D-Bus activation files
export { parseUdevRules } from './formats/udev/parse.js';
export { printUdevRules } from './formats/udev/print.js';
export type { UdevRulesFile, UdevRule, UdevToken } from './formats/udev/model.js';
export { planUdevRewrites } from './fix/plans/udev-rules.js';
export { parseDbusService } from './formats/dbus/parse.js';
export { printDbusService } from './formats/dbus/print.js';
export type { DbusServiceFile, DbusEntry } from './formats/dbus/model.js';
export { planDbusRewrites } from './fix/plans/dbus-service.js';

// Rewrites, resolution and fixing
export type { Rewrite, Replacement, Problem } from './fix/plans/rewrite.js';
export { EditPlan } from './fix/plans/edit-plan.js';
export type { PathResolver } from './fix/plans/path-resolver.js';
export type { Planner, PlanContext } from './fix/plans/planner.js';
export { Resolver, type ResolverOptions, type Resolution } from './resolve/resolver.js';
export { DEFAULT_WRAPPERS } from './resolve/wrapper-table.js';
export { wrapperTable, type WrapperSources } from './resolve/wrapper-settings.js';
export { fixPaths, type FixOptions, type FixReport, type FileOutcome } from './fix/fix.js';

// Linting
export { lintPaths, type LintOptions, type LintReport } from './lint/engine.js';
export type { LintFixOptions } from './lint/fix-before-lint.js';
export { closureOf } from './lint/closure.js';
export { lintSettings, type LintSettings, type SettingSources } from './lint/settings.js';
export { ConfigError } from './lint/config.js';
export type { LintFile, LintTree, TypedFile, Finding, Severity, FileFormat } from './lint/types.js';
export { defineRule, type Rule, type AnyRule, type RuleMeta, type RuleContext, type ReportDescriptor } from './lint/rule.js';
export { RULES } from '../rules/index.js';
export { UsageError } from './usage-error.js';
export { VERSION } from './version.js';
