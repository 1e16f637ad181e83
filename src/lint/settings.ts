import { didYouMean } from '../text/nearest-word.js';
import { DEFAULT_WRAPPERS } from '../resolve/wrapper-table.js';
import { ConfigError, configFilesOf, loadConfig, ruleOptionError, type ConfigChoice } from './config.js';
import { UNUSED_SUPPRESSION } from './suppressions.js';
import type { Severity } from './types.js';
import type { AnyRule } from './rule.js';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

/** Where a lint run's rule settings come from, weakest first: the .unitfixrc files, then typed options, then `ID=VALUE` settings. */
export interface SettingSources {
  /** Linted paths, for finding config files beside them. */
  readonly paths: readonly string[];
  /** .unitfixrc files to read, later ones winning; 'nearest' finds them as the CLI does (see findConfigFiles). Default: none. */
  readonly config?: ConfigChoice;
  /** Per rule: a severity, or 'off'. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Per rule: option name → value (see Rule.options). */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `ID=error|warning|info|off`, as lint's --rule takes them. */
  readonly rule?: readonly string[];
  /** `RULE.OPTION=VALUE`, as lint's --rule-option takes them. */
  readonly ruleOption?: readonly string[];
  /** Globs, relative to each linted root, of files not to lint (added to the config's). */
  readonly ignores?: readonly string[];
  /** The whole wrapper table; default: the built-in one with the config's [wrappers] over it. */
  readonly wrappers?: Readonly<Record<string, string | null>>;
}

/** What a lint run goes by, once config files and settings are merged and checked. */
export interface LintSettings {
  readonly severities: Readonly<Record<string, Severity | 'off'>>;
  readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly ignores: readonly string[];
  /** Undefined: the resolver's built-in table. */
  readonly wrappers?: Readonly<Record<string, string | null>>;
}

/**
 * `ID=error|warning|info|off` settings (the --rule of lint and image-check)
 * as severities. `ids` are the rules they may name; `noun` says what kind.
 */
export function severitySettings(settings: readonly string[], ids: Iterable<string>, noun = 'rule'): Record<string, Severity | 'off'> {
  const known = new Set(ids);
  const severities: Record<string, Severity | 'off'> = {};
  for (const spec of settings) {
    const [id, value] = spec.split('=');
    if (!id || !known.has(id)) throw new ConfigError(`--rule ${spec}: no such ${noun}${didYouMean(id ?? '', known)}; 'unitfix rules' lists them`);
    if (!value || !SEVERITIES.includes(value)) throw new ConfigError(`--rule ${spec}: use ID=error|warning|info|off`);
    severities[id] = value as Severity | 'off';
  }
  return severities;
}

/** `RULE.OPTION=VALUE` settings (lint's --rule-option), each checked against the options its rule declares. */
export function ruleOptionSettings(settings: readonly string[], rules: readonly AnyRule[]): Record<string, Record<string, string>> {
  const options: Record<string, Record<string, string>> = {};
  for (const spec of settings) {
    const eq = spec.indexOf('=');
    const error = eq > 0 ? ruleOptionError(rules, spec.slice(0, eq), spec.slice(eq + 1)) : 'write RULE.OPTION=VALUE';
    if (error) throw new ConfigError(`--rule-option ${spec}: ${error}`);
    const key = spec.slice(0, eq);
    const dot = key.lastIndexOf('.');
    (options[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = spec.slice(eq + 1);
  }
  return options;
}

/** Per rule, the options of `over` on top of those of `under`. */
function mergeRuleOptions(...layers: (Readonly<Record<string, Readonly<Record<string, string>>>> | undefined)[]): Record<string, Record<string, string>> {
  const merged: Record<string, Record<string, string>> = {};
  for (const layer of layers) for (const [id, options] of Object.entries(layer ?? {})) merged[id] = { ...merged[id], ...options };
  return merged;
}

/**
 * The settings of a lint run: config files, then the typed options, then
 * the `ID=VALUE` settings, each over the one before. Unknown rules, bad
 * severities and undeclared rule options are ConfigErrors.
 */
export function lintSettings(sources: SettingSources, rules: readonly AnyRule[]): LintSettings {
  const ids = [...rules.map((r) => r.meta.id), UNUSED_SUPPRESSION];
  const config = loadConfig(configFilesOf(sources.config, sources.paths), new Set(ids), rules);
  const severities = { ...config.severities, ...sources.severities, ...severitySettings(sources.rule ?? [], ids) };
  const ruleOptions = mergeRuleOptions(config.ruleOptions, sources.ruleOptions, ruleOptionSettings(sources.ruleOption ?? [], rules));
  const wrappers = sources.wrappers ?? (Object.keys(config.wrappers).length > 0 ? { ...DEFAULT_WRAPPERS, ...config.wrappers } : undefined);
  return { severities, ruleOptions, ignores: [...config.ignores, ...(sources.ignores ?? [])], ...(wrappers ? { wrappers } : {}) };
}
