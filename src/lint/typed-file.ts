import path from 'node:path';
import { evaluatePcIn, type PcEvaluation } from '../formats/pkgconfig/evaluate.js';
import type { PcFile } from '../formats/pkgconfig/model.js';
import type { AssignmentNode, UnitFile } from '../formats/unit/model.js';
import { classifyUnitPath, type UnitFileKind } from '../formats/unit/unit-type.js';
import type { FileFormat, LintFile, TypedFile } from './types.js';
import { readAssignments, unitCommands, type UnitCommand } from './unit-walk.js';

/** A configure template: foo.service.in, foo.pc.in. */
export const isTemplate = (file: string): boolean => file.endsWith('.in');

/**
 * The file as its format's rules get it. What several rules derive from it
 * (a unit's kind, assignments and commands; a .pc file's evaluation) is
 * worked out on first use and kept on the file: it lives as long as the
 * file is linted, so no cache outlives the run. Classes rather than
 * properties defined on the fly: every file of a format then has one shape,
 * which the rules read quickly.
 */
export function typedFile(file: LintFile): TypedFile<FileFormat> {
  const parsed = file.parsed;
  if (!parsed) return file as TypedFile<'program'>;
  switch (parsed.format) {
    case 'unit':
      return new TypedUnit(file, parsed.model);
    case 'pkgconfig':
      return new TypedPc(file, parsed.model);
    default:
      return new Typed(file, parsed.model) as TypedFile<FileFormat>;
  }
}

/** A parsed file's own fields, its model and whether it is a configure template. */
class Typed<Model> implements LintFile {
  readonly path: string;
  readonly root: string;
  readonly relative: string;
  readonly format: FileFormat;
  readonly source: Buffer;
  readonly text: string;
  readonly parsed: LintFile['parsed'];
  readonly program: LintFile['program'];
  readonly template: boolean;

  constructor(
    file: LintFile,
    readonly model: Model,
  ) {
    this.path = file.path;
    this.root = file.root;
    this.relative = file.relative;
    this.format = file.format;
    this.source = file.source;
    this.text = file.text;
    this.parsed = file.parsed;
    this.program = file.program;
    this.template = isTemplate(file.path);
  }
}

class TypedUnit extends Typed<UnitFile> implements TypedFile<'unit'> {
  declare readonly format: 'unit';
  readonly kind: UnitFileKind | undefined;
  private assignmentsRead: readonly AssignmentNode[] | undefined;
  private commandsRead: readonly UnitCommand[] | undefined;

  constructor(file: LintFile, unit: UnitFile) {
    super(file, unit);
    this.kind = classifyUnitPath(this.template ? file.path.slice(0, -3) : file.path);
  }

  // Most units are read by several rules, some by none that walk their commands.
  get assignments(): readonly AssignmentNode[] {
    return (this.assignmentsRead ??= readAssignments(this.model, this.kind));
  }

  get commands(): readonly UnitCommand[] {
    return (this.commandsRead ??= unitCommands(this.assignments));
  }
}

class TypedPc extends Typed<PcFile> implements TypedFile<'pkgconfig'> {
  declare readonly format: 'pkgconfig';
  private evaluated: PcEvaluation | undefined;

  get evaluation(): PcEvaluation {
    return (this.evaluated ??= evaluatePcIn(this.model, path.dirname(this.path)));
  }
}
