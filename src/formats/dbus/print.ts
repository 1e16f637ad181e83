import type { DbusServiceFile } from './model.js';

/** Prints a parsed activation file back: the concatenation of its lines. */
export function printDbusService(file: DbusServiceFile): Buffer {
  return Buffer.concat(file.nodes.map((node) => file.source.subarray(node.span.start, node.span.end)));
}
