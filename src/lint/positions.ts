import { locate } from '../text/line-index.js';
import type { AssignmentNode, UnitFile } from '../formats/unit/model.js';
import { splitSystemdLines } from '../text/systemd-lines.js';

/** Line and column of an offset inside an assignment's value. */
export function valuePosition(unit: UnitFile, node: AssignmentNode, valueOffset: number): { line: number; column: number } {
  return locate(unit.lines, node.valueMap.sourceOffset(valueOffset));
}

// Rules ask for several positions in the same file one after the other: split it once.
let lastText: string | undefined;
let lastLines: ReturnType<typeof splitSystemdLines> = [];

/** Line and column of a byte offset in a file read through systemd's line rules. */
export function offsetPosition(text: string, offset: number): { line: number; column: number } {
  if (text !== lastText) {
    lastText = text;
    lastLines = splitSystemdLines(text);
  }
  return locate(lastLines, offset);
}
