import type { UnitFileKind } from '../formats/unit/unit-type.js';
import type { AssignmentNode } from '../formats/unit/model.js';
import type { PcEvaluation } from '../formats/pkgconfig/evaluate.js';
import type { FormatId, ModelOf, ParsedFile } from '../formats/registry.js';
import type { UnitCommand } from './unit-walk.js';
import type { ProgramBytes } from './program-bytes.js';

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
  /**
   * A program past the read-ahead budget, read a chunk at a time as a rule
   * scans it: its source and text are then empty, so that a program of
   * gigabytes is never in memory whole.
   */
  readonly program?: ProgramBytes;
}

/** A file of one format as a rule of that format gets it: its parse and what its path says, worked out once for every rule. */
export type TypedFile<Format extends FileFormat> = Format extends 'program'
  ? LintFile & { readonly format: 'program' }
  : Format extends FormatId
    ? LintFile & {
        readonly format: Format;
        readonly model: ModelOf<Format>;
        /** A configure template (foo.service.in, foo.pc.in): configure fills in its paths. */
        readonly template: boolean;
      } & FormatExtras<Format>
    : never;

/** What some formats' rules share beyond the parse. */
type FormatExtras<Format extends FormatId> = Format extends 'unit'
  ? {
      /** Unit or drop-in, its type and scope, from its path (`.in` left off); undefined when the name is no unit's. */
      readonly kind: UnitFileKind | undefined;
      /** The assignments systemd reads for its type: [Unit], [Install] and its own section. */
      readonly assignments: readonly AssignmentNode[];
      /** Every command of every command-line setting systemd would run. */
      readonly commands: readonly UnitCommand[];
    }
  : Format extends 'pkgconfig'
    ? {
        /** Evaluated as pkgconf would find it where it lies (${pcfiledir} is its folder). */
        readonly evaluation: PcEvaluation;
      }
    : unknown;

/** What a rule that looks at the shape of a whole root gets. */
export interface LintTree {
  readonly root: string;
  /** Relative paths of regular files and symlinks. */
  readonly files: readonly string[];
  /** Relative paths of folders, with how many entries each has. */
  readonly dirs: ReadonlyMap<string, number>;
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
  /** Which of its rule's messages it is (tests match on it; reports show the message). */
  readonly messageId?: string;
  /** What filled in its message (tests match on it). */
  readonly data?: Readonly<Record<string, string | number>>;
  /** The source line, for reporters that show it. */
  readonly sourceLine?: string;
}
