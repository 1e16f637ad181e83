import type { TmpfilesFile } from './model.js';

/** Prints a parsed tmpfiles.d file back: the concatenation of its lines. */
export function printTmpfiles(file: TmpfilesFile): Buffer {
  return Buffer.concat(file.nodes.map((node) => file.source.subarray(node.span.start, node.span.end)));
}
