import type { UnitFile } from './model.js';

/** Prints a parsed file back: the concatenation of its nodes' spans. */
export function printUnit(file: UnitFile): Buffer {
  return Buffer.concat(file.nodes.map((node) => file.source.subarray(node.span.start, node.span.end)));
}
