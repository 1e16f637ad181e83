import fs from 'node:fs';
import path from 'node:path';
import { ExistenceCache } from '../fs/existence-cache.js';
import ini from 'ini';
import type { AnyRule } from './rule.js';
import type { Severity } from './types.js';
import { UsageError } from '../usage-error.js';

/**
 * .unitfixrc, in INI form: sections of unique keys that unitfix only reads —
 * the one place the `ini` package's model fits (unit files need repeated
 * keys, continuations and comments kept, which it drops).
 *
 *   [rules]            rule-id = error | warning | info | off
 *   [ignore]           paths[] = share/doc/**   (globs relative to each linted root)
 *   [wrappers]         sudo = /run/wrappers/bin/sudo   (empty: leave the command alone)
 *   [install-dirs]     mypkg.mydir = out   (extra pkg-config install-directory variables)
 *   [rule-options]     unit-location.etc-units = allow   (a rule's declared options)
 */
export interface UnitfixConfig {
  readonly files: readonly string[];
  readonly severities: Readonly<Record<string, Severity | 'off'>>;
  readonly ignores: readonly string[];
  readonly wrappers: Readonly<Record<string, string | null>>;
  readonly installDirs: readonly { readonly package: string; readonly variable: string; readonly output: string }[];
  /** Per rule id: option → value. */
  readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** What is wrong with RULE.OPTION = VALUE, given the rules and the options they declare; undefined when nothing is. */
export function ruleOptionError(rules: readonly AnyRule[], key: string, value: string): string | undefined {
  const dot = key.lastIndexOf('.');
  const id = key.slice(0, dot);
  const name = key.slice(dot + 1);
  const rule = dot > 0 ? rules.find((r) => r.meta.id === id)?.meta : undefined;
  if (!rule) return `${key}: write RULE.OPTION = VALUE with a rule that has options (${rules.filter((r) => r.meta.options).map((r) => r.meta.id).join(', ') || 'none'})`;
  const option = rule.options?.[name];
  if (!option) return `${key}: ${id} has no option '${name}' (it has: ${Object.keys(rule.options ?? {}).join(', ') || 'none'})`;
  if (!option.values.includes(value)) return `${key} = ${value}: use ${option.values.join(' or ')}`;
  return undefined;
}

/** A .unitfixrc or a setting that cannot be used: the caller's to correct. */
export class ConfigError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);


/**
 * Reads and merges config files; later files win. Unknown rule ids (when
 * knownRules is given: lint does, pkgconfig-shadow in a build does not),
 * bad severities and (when rules are given) unknown rule options are errors.
 */
export function loadConfig(files: readonly string[], knownRules: ReadonlySet<string> | undefined, rules?: readonly AnyRule[]): UnitfixConfig {
  const severities: Record<string, Severity | 'off'> = {};
  const ignores: string[] = [];
  const wrappers: Record<string, string | null> = {};
  const installDirs: { package: string; variable: string; output: string }[] = [];
  const ruleOptions: Record<string, Record<string, string>> = {};
  for (const file of files) {
    let parsed: Record<string, unknown>;
    try {
      parsed = ini.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file}: cannot read: ${(error as Error).message}`);
    }
    for (const [section, body] of Object.entries(parsed)) {
      if (typeof body !== 'object' || body === null) throw new ConfigError(`${file}: '${section}' is outside a section ([rules], [ignore], [wrappers], [install-dirs], [rule-options])`);
      const entries = Object.entries(body as Record<string, unknown>);
      if (section === 'rules') {
        for (const [id, value] of entries) {
          if (knownRules && !knownRules.has(id)) throw new ConfigError(`${file}: [rules] ${id}: no such rule (see 'unitfix rules')`);
          if (typeof value !== 'string' || !SEVERITIES.has(value)) throw new ConfigError(`${file}: [rules] ${id} = ${String(value)}: use error, warning, info or off`);
          severities[id] = value as Severity | 'off';
        }
      } else if (section === 'ignore') {
        for (const [key, value] of entries) {
          if (key !== 'paths' || !Array.isArray(value)) throw new ConfigError(`${file}: [ignore] takes paths[] = GLOB lines`);
          ignores.push(...value.map(String));
        }
      } else if (section === 'wrappers') {
        for (const [name, value] of entries) wrappers[name] = value === '' || value === true ? null : String(value);
      } else if (section === 'install-dirs') {
        for (const [key, value] of entries) {
          const dot = key.lastIndexOf('.');
          if (dot <= 0) throw new ConfigError(`${file}: [install-dirs] ${key}: write PACKAGE.VARIABLE = OUTPUT`);
          installDirs.push({ package: key.slice(0, dot), variable: key.slice(dot + 1), output: String(value || 'out') });
        }
      } else if (section === 'rule-options') {
        for (const [key, raw] of entries) {
          const value = String(raw);
          const error = rules ? ruleOptionError(rules, key, value) : undefined;
          if (error) throw new ConfigError(`${file}: [rule-options] ${error}`);
          const dot = key.lastIndexOf('.');
          (ruleOptions[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = value;
        }
      } else throw new ConfigError(`${file}: unknown section [${section}]`);
    }
  }
  return { files, severities, ignores, wrappers, installDirs, ruleOptions };
}

/** The .unitfixrc files that apply: the working folder's, then the nearest one above each linted path. */
export function findConfigFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const found: string[] = [];
  // existsSync pays for an exception on each of a closure's thousand misses; the cache stats without one.
  const existence = new ExistenceCache();
  const add = (file: string) => {
    if (existence.exists(file) && !found.includes(file)) found.push(file);
  };
  add(path.join(cwd, '.unitfixrc'));
  // A closure's thousand store paths share their parents: look in each folder once.
  const searched = new Set<string>();
  for (const p of paths) {
    let dir = path.resolve(p);
    for (;;) {
      if (searched.has(dir)) break;
      searched.add(dir);
      const candidate = path.join(dir, '.unitfixrc');
      if (existence.exists(candidate)) {
        add(candidate);
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return found;
}

/** The config files a library call reads: a list as given, or 'nearest' to look them up as the CLI does (findConfigFiles). */
export type ConfigChoice = readonly string[] | 'nearest';

export function configFilesOf(choice: ConfigChoice | undefined, paths: readonly string[]): string[] {
  return choice === 'nearest' ? findConfigFiles(paths) : [...(choice ?? [])];
}
