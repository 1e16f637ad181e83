import type { PcDiagnostic, PcFile, PcNode } from './model.js';

/**
 * The fields pkgconf 1.8 knows (pkgconf_pkg_parser_keyword_funcs in
 * libpkgconf/pkg.c), matched without regard to case; others are ignored.
 */
const FIELD_NAMES = ['Name', 'Description', 'Version', 'Requires', 'Requires.private', 'Requires.internal', 'Conflicts', 'Provides', 'Libs', 'Libs.private', 'Cflags', 'Cflags.private'] as const;
export type PcFieldName = (typeof FIELD_NAMES)[number];
const CANONICAL = new Map(FIELD_NAMES.map((n) => [n.toLowerCase(), n]));
/** Fields whose repetitions add up; for the others the last one wins. */
const LIST_FIELDS = new Set<PcFieldName>(['Requires', 'Requires.private', 'Requires.internal', 'Conflicts', 'Provides', 'Libs', 'Libs.private', 'Cflags', 'Cflags.private']);

export interface PcContext {
  /** The directory pkgconf found the file in, as it spells it (${pcfiledir}). */
  readonly pcfiledir: string;
  /** --define-variable NAME=VALUE: beats the file's own definitions. */
  readonly defines?: Readonly<Record<string, string>>;
  /** PKG_CONFIG_SYSROOT_DIR; '/' when unset (${pc_sysrootdir}). */
  readonly sysroot?: string;
}

export interface PcEvaluation {
  /** pc_sysrootdir, pc_top_builddir and --define-variable: looked up before the file's variables. */
  readonly globals: ReadonlyMap<string, string>;
  /** Package variables as pkgconf stores them (expanded when read), in definition order. */
  readonly variables: ReadonlyMap<string, string>;
  /** Where each variable got its value: the node of its last definition. */
  readonly definitions: ReadonlyMap<string, PcNode>;
  /** Every field line, known to pkgconf or not, in order. */
  readonly fieldNodes: readonly PcNode[];
  /** Expanded fields; list fields joined with a space per occurrence. */
  readonly fields: Readonly<Partial<Record<PcFieldName, string>>>;
  /** Each occurrence of a list field, expanded, in order. */
  readonly fieldValues: Readonly<Partial<Record<PcFieldName, readonly string[]>>>;
  readonly diagnostics: readonly PcDiagnostic[];
}


/**
 * Evaluates a parsed .pc file the way pkgconf 1.8 does (libpkgconf/tuple.c,
 * pkg.c): each variable is expanded when its line is read, against the
 * variables defined before it (a redefinition first drops the old value, so
 * `a=${a}x` gives `x`); values starting with a quote are dequoted; ${name}
 * looks up the globals (pc_sysrootdir, pc_top_builddir, --define-variable)
 * first; an undefined variable expands to nothing; '$$' is not an escape.
 * Fields are expanded the same way, but not dequoted; Version is cut at the
 * first blank.
 */
export function evaluatePc(file: PcFile, context: PcContext): PcEvaluation {
  const globals = new Map<string, string>([
    ['pc_sysrootdir', context.sysroot ?? '/'],
    ['pc_top_builddir', '$(top_builddir)'],
    ...Object.entries(context.defines ?? {}),
  ]);
  const variables = new Map<string, string>([['pcfiledir', context.pcfiledir.replaceAll(' ', '\\ ')]]);
  const definitions = new Map<string, PcNode>();
  const fieldNodes: PcNode[] = [];
  const fields: Partial<Record<PcFieldName, string>> = {};
  const fieldValues: Partial<Record<PcFieldName, string[]>> = {};
  const diagnostics: PcDiagnostic[] = [];

  // Names being expanded right now: a stored value can only name itself through tricks
  // (a=$ and b=${a}{b} stores '${b}'), which makes pkgconf recurse until it crashes.
  const expanding = new Set<string>();
  const expand = (value: string, line: number): string => {
    let out = '';
    for (let i = 0; i < value.length; i++) {
      if (value[i] !== '$' || value[i + 1] !== '{') {
        out += value[i];
        continue;
      }
      const close = value.indexOf('}', i + 2);
      const name = value.slice(i + 2, close < 0 ? value.length : close);
      i = close < 0 ? value.length : close;
      const global = globals.get(name);
      if (global !== undefined) {
        out += global;
        continue;
      }
      const stored = variables.get(name);
      if (stored === undefined) continue;
      if (expanding.has(name)) {
        diagnostics.push({ severity: 'error', line, message: `\${${name}} refers to itself: pkgconf would recurse until it crashes` });
        continue;
      }
      expanding.add(name);
      out += expand(stored, line);
      expanding.delete(name);
    }
    return out;
  };

  for (const node of file.nodes) {
    const line = node.line.number;
    if (node.type === 'variable') {
      variables.delete(node.key);
      variables.set(node.key, expand(dequote(node.rawValue), line));
      definitions.set(node.key, node);
    } else if (node.type === 'field') {
      fieldNodes.push(node);
      const name = CANONICAL.get(node.key.toLowerCase());
      if (!name) continue;
      let value = expand(node.rawValue, line);
      if (name === 'Version') {
        const cut = value.search(/[ \t]/);
        if (cut >= 0) {
          diagnostics.push({ severity: 'warning', line, message: `Version has blanks; pkgconf keeps only '${value.slice(0, cut)}'` });
          value = value.slice(0, cut);
        }
      }
      if (LIST_FIELDS.has(name)) {
        (fieldValues[name] ??= []).push(value);
        fields[name] = fields[name] === undefined ? value : `${fields[name]} ${value}`;
      } else fields[name] = value;
    }
  }
  for (const required of ['Name', 'Description', 'Version'] as const) {
    if (fields[required] === undefined) diagnostics.push({ severity: 'error', line: undefined, message: `the file has no ${required} field: pkgconf refuses it` });
  }
  return { globals, variables, definitions, fieldNodes, fields, fieldValues, diagnostics };
}

/** What `pkgconf --variable=NAME` prints (1.8: globals first); undefined when it prints nothing. */
export function pcVariable(evaluation: PcEvaluation, name: string): string | undefined {
  return evaluation.globals.get(name) ?? evaluation.variables.get(name);
}

/** pkgconf's dequote(): a value that starts with a quote loses every such quote, except escaped ones. */
export function dequote(value: string): string {
  const quote = value[0] === "'" || value[0] === '"' ? value[0] : undefined;
  if (!quote) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\' && value[i + 1] === quote) {
      out += quote;
      i++;
    } else if (value[i] !== quote) out += value[i];
  }
  return out;
}
