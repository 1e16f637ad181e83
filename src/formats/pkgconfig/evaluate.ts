import { toByteString } from '../../text/bytes.js';
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

/** pkgconf's expansion buffer (PKGCONF_BUFSIZE, 64 KiB) less its terminating NUL: an expanded value keeps at most this many bytes. */
export const PC_VALUE_LIMIT = 65_534;
/**
 * pkgconf reads a file through a 64 KiB line buffer: a logical line keeps
 * its first 65,533 bytes (key, '=' and value), and the rest of it is read as
 * the next line. unitfix keeps the same bytes of the value; the rest is not
 * read as a line of its own (pkgconf would find no key in a run of value
 * bytes unless they spell one).
 */
export const PC_LINE_LIMIT = 65_533;

/**
 * How deep references are followed. Stored values are expanded already, so
 * a real file nests one level; only tricks (a=$ then b=${a}{c}) store
 * references, and pkgconf 1.8 follows those without end.
 */
export const PC_DEPTH_LIMIT = 64;

export interface PcContext {
  /**
   * The directory pkgconf found the file in, as it spells it (${pcfiledir}):
   * a path as Node gives it; evaluation works on byte strings, so it is
   * taken as its UTF-8 bytes (a folder named `të😋st` stays that).
   */
  readonly pcfiledir: string;
  /** --define-variable NAME=VALUE: beats the file's own definitions. */
  readonly defines?: Readonly<Record<string, string>>;
  /** PKG_CONFIG_SYSROOT_DIR; '/' when unset (${pc_sysrootdir}). */
  readonly sysroot?: string;
}

export interface PcEvaluation {
  /** The parsed file evaluated. */
  readonly file: PcFile;
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
    ['pc_sysrootdir', asBytes(context.sysroot ?? '/')],
    ['pc_top_builddir', '$(top_builddir)'],
    ...Object.entries(context.defines ?? {}).map(([k, v]) => [k, asBytes(v)] as const),
  ]);
  const variables = new Map<string, string>([['pcfiledir', asBytes(context.pcfiledir).replaceAll(' ', '\\ ')]]);
  const definitions = new Map<string, PcNode>();
  const fieldNodes: PcNode[] = [];
  const fields: Partial<Record<PcFieldName, string>> = {};
  const fieldValues: Partial<Record<PcFieldName, string[]>> = {};
  const diagnostics: PcDiagnostic[] = [];

  // Names being expanded right now: a stored value can only name itself through tricks
  // (a=$ and b=${a}{b} stores '${b}'), which makes pkgconf recurse until it crashes.
  const expanding = new Set<string>();
  const truncatedLines = new Set<number>();
  /**
   * pkgconf expands into a fixed buffer: a value keeps its first
   * PC_VALUE_LIMIT bytes, the rest is dropped. Stopping there bounds the work
   * by the bytes kept, not by what the references would multiply to (ten
   * variables of ten references each would be 10^10 bytes).
   */
  const expand = (value: string, line: number, depth = 0): string => {
    let out = '';
    let cut = false;
    const append = (piece: string) => {
      const room = PC_VALUE_LIMIT - out.length;
      if (piece.length > room) cut = true;
      out += piece.length > room ? piece.slice(0, room) : piece;
    };
    let i = 0;
    while (i < value.length && !cut) {
      const reference = value.indexOf('${', i);
      const literalEnd = reference < 0 ? value.length : reference;
      append(value.slice(i, literalEnd));
      i = literalEnd;
      if (reference < 0 || cut) break;
      const close = value.indexOf('}', reference + 2);
      const name = value.slice(reference + 2, close < 0 ? value.length : close);
      i = close < 0 ? value.length : close + 1;
      const global = globals.get(name);
      if (global !== undefined) {
        append(global);
        continue;
      }
      const stored = variables.get(name);
      if (stored === undefined) continue;
      if (expanding.has(name)) {
        diagnostics.push({ severity: 'error', line, message: `\${${name}} refers to itself: pkgconf would recurse until it crashes` });
        continue;
      }
      if (depth >= PC_DEPTH_LIMIT) {
        diagnostics.push({ severity: 'error', line, message: `\${${name}} is nested more than ${PC_DEPTH_LIMIT} references deep; not expanded further` });
        continue;
      }
      expanding.add(name);
      append(expand(stored, line, depth + 1));
      expanding.delete(name);
    }
    if (cut && !truncatedLines.has(line)) {
      truncatedLines.add(line);
      diagnostics.push({ severity: 'warning', line, message: `the value expands to more than ${PC_VALUE_LIMIT.toLocaleString('en')} bytes; pkgconf keeps only the first ${PC_VALUE_LIMIT.toLocaleString('en')}` });
    }
    return out;
  };

  for (const node of file.nodes) {
    const line = node.line.number;
    if (node.type === 'variable') {
      variables.delete(node.key);
      let raw = node.rawValue;
      if (node.valueStart + raw.length > PC_LINE_LIMIT) {
        raw = raw.slice(0, Math.max(0, PC_LINE_LIMIT - node.valueStart));
        diagnostics.push({ severity: 'warning', line, message: `the line is longer than pkgconf reads at once (${PC_LINE_LIMIT.toLocaleString('en')} bytes): it keeps the first ${raw.length.toLocaleString('en')} bytes of the value and reads the rest as another line` });
      }
      variables.set(node.key, expand(dequote(raw), line));
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
  return { file, globals, variables, definitions, fieldNodes, fields, fieldValues, diagnostics };
}

/** A string from outside the file (a path, a --define-variable) as the byte string of its UTF-8. */
function asBytes(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? toByteString(Buffer.from(text, 'utf8')) : text;
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

/** One evaluation per parse and folder: a file's diagnostics, its rewrite and several rules all want it. */
const evaluations = new WeakMap<PcFile, { readonly pcfiledir: string; readonly evaluation: PcEvaluation }>();

/** The parsed file evaluated as pkgconf would find it in `pcfiledir` (no globals), once per parse. */
export function evaluatePcIn(file: PcFile, pcfiledir: string): PcEvaluation {
  const known = evaluations.get(file);
  if (known && known.pcfiledir === pcfiledir) return known.evaluation;
  const evaluation = evaluatePc(file, { pcfiledir });
  evaluations.set(file, { pcfiledir, evaluation });
  return evaluation;
}
