import { locate } from '../text/line-index.js';
import type { AssignmentNode, UnitFile } from '../formats/unit/model.js';
import { splitSystemdLines } from '../text/systemd-lines.js';

/** Line and column of an offset inside an assignment's value. */
export function valuePosition(unit: UnitFile, node: AssignmentNode, valueOffset: number): { line: number; column: number } {
  return locate(unit.lines, node.valueMap.sourceOffset(valueOffset));
}

/** Line and column of a byte offset in a file read through systemd's line rules. */
export function offsetPosition(text: string, offset: number): { line: number; column: number } {
  return locate(splitSystemdLines(text), offset);
}
