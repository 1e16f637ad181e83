import path from 'node:path';
import { evaluatePcIn } from '../formats/pkgconfig/evaluate.js';
import type { PcFile } from '../formats/pkgconfig/model.js';
import type { UnitFile } from '../formats/unit/model.js';
import { classifyUnitPath } from '../formats/unit/unit-type.js';
import type { FileFormat, LintFile, TypedFile } from './types.js';
import { readAssignments, unitCommands } from './unit-walk.js';

/** A configure template: foo.service.in, foo.pc.in. */
export const isTemplate = (file: string): boolean => file.endsWith('.in');

/**
 * The file as its format's rules get it. What several rules derive from it
 * (a unit's kind, assignments and commands; a .pc file's evaluation) is
 * worked out on first use and kept on the file: it lives as long as the
 * file is linted, so no cache outlives the run.
 */
export function typedFile(file: LintFile): TypedFile<FileFormat> {
  const parsed = file.parsed;
  if (!parsed) return file as TypedFile<'program'>;
  const typed = { ...file, model: parsed.model, template: isTemplate(file.path) };
  switch (parsed.format) {
    case 'unit':
      return unitExtras(typed, parsed.model);
    case 'pkgconfig':
      return pcExtras(typed, parsed.model);
    default:
      return typed as TypedFile<FileFormat>;
  }
}

function unitExtras(typed: LintFile & { template: boolean }, unit: UnitFile): TypedFile<'unit'> {
  const kind = classifyUnitPath(typed.template ? typed.path.slice(0, -3) : typed.path);
  const file = { ...typed, kind } as TypedFile<'unit'>;
  // Most units are read by several rules, some by none that walk their commands.
  lazy(file, 'assignments', () => readAssignments(unit, kind));
  lazy(file, 'commands', () => unitCommands(file.assignments));
  return file;
}

function pcExtras(typed: LintFile, pc: PcFile): TypedFile<'pkgconfig'> {
  const file = { ...typed } as TypedFile<'pkgconfig'>;
  lazy(file, 'evaluation', () => evaluatePcIn(pc, path.dirname(typed.path)));
  return file;
}

/** A property computed on first read, then kept as a plain value. */
function lazy<T extends object, K extends keyof T>(target: T, name: K, compute: () => T[K]): void {
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, name, { value, enumerable: true });
      return value;
    },
  });
}
