import { locate } from '../text/line-index.js';
import type { AssignmentNode, UnitFile } from '../formats/unit/model.js';

/** Line and column of an offset inside an assignment's value. */
export function valuePosition(unit: UnitFile, node: AssignmentNode, valueOffset: number): { line: number; column: number } {
  return locate(unit.lines, node.valueMap.sourceOffset(valueOffset));
}
