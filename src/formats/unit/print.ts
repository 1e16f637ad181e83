import { printNodes } from '../column-file.js';
import type { UnitFile } from './model.js';

/** Prints a parsed unit file back: the concatenation of its nodes' spans. */
export function printUnit(file: UnitFile): Buffer {
  return printNodes(file);
}
