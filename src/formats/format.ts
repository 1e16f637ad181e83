import type { Position } from '../text/line-index.js';
import type { LineDiagnostic } from '../text/span.js';
import type { PhysicalLine } from '../text/systemd-lines.js';
import { locate } from '../text/line-index.js';

/**
 * Where files of one format live and how to tell one by its path: all that
 * fix discovery, lint's walk, the setup hook's folder list and the
 * pre-commit patterns need. Cheap to load: no parser.
 */
export interface FormatPlaces<Id extends string = string> {
  readonly id: Id;
  /** What one file is called in messages ('unit file'). */
  readonly noun: string;
  /**
   * Folders of an output the tool reads a package's files from on a
   * hermetic-/usr system, the first one named in messages. A '*' segment
   * stands for any folder (lib/*\/pkgconfig).
   */
  readonly folders: readonly string[];
  /** Folders below the output's etc/ the tool reads too: the administrator's, but NixOS links a package's, so fix rewrites them as well. */
  readonly etcFolders: readonly string[];
  /** Folders that make a file below them one of this format wherever a tree has them (systemd/system, tmpfiles.d): lint's walk. */
  readonly markers: readonly string[];
  /** Regular expression (source) for a file's path below a marker: '[^/]*\\.conf' for a .conf directly in it. */
  readonly below: string;
  /** Regular expression (source) for how the path of a file named on its own ends when its name alone says the format (*.pc, *tmpfiles*.conf). */
  readonly named?: string;
  /** The same for a person: 'tmpfiles.d/*.conf'. */
  readonly namedLike: string;
  /** Its files name programs (commands, shells, Exec=, RUN=): lint lists a root's programs for the resolver first. */
  readonly namesPrograms: boolean;
}

/** A complaint the format's own tool would make about a file, where it is. */
export interface ToolComplaint extends Position {
  /** 'error': the tool refuses the line or file; 'warning': it ignores something silently. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The parse of a file of some format: its bytes as a byte string, one char per byte. */
export interface ParsedModel {
  readonly text: string;
}

/** How to read, print and show a format: loaded only by the commands that read files. */
export interface FormatSyntax<Model extends ParsedModel> {
  /** Lossless: print(parse(x)) is x. Never throws; bounded in time and memory. */
  parse(source: Buffer): Model;
  print(model: Model): Buffer;
  /** What `unitfix inspect --json` prints (with `format`: the id). `file`: where it was read, for formats whose meaning depends on it. */
  inspect(model: Model, file: string): object;
  /** What the format's tool would say about the file. */
  complaints(model: Model, file: string): readonly ToolComplaint[];
  /** How `unitfix fix` words the start of a refusal ('systemd would refuse this file'), if at all. */
  readonly refusal?: string;
  /** The file's lines as its tool counts them, without terminators: for suppression comments and source lines. */
  sourceLines(model: Model): string[];
}

/** Complaints from diagnostics that carry their span, for the formats whose parse keeps systemd's physical lines. */
export function complaintsAt(model: { readonly lines: readonly PhysicalLine[]; readonly diagnostics: readonly Pick<LineDiagnostic, 'severity' | 'message' | 'span'>[] }): ToolComplaint[] {
  return model.diagnostics.map((d) => ({ ...locate(model.lines, d.span.start), severity: d.severity, message: d.message }));
}

/** Source lines of a parse that keeps systemd's physical lines. */
export function physicalLines(model: { readonly text: string; readonly lines: readonly PhysicalLine[] }): string[] {
  return model.lines.map((l) => model.text.slice(l.start, l.contentEnd));
}
