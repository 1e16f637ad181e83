import type { SysusersFile } from './model.js';

/** Prints a parsed sysusers.d file back: the concatenation of its lines. */
export function printSysusers(file: SysusersFile): Buffer {
  return Buffer.concat(file.nodes.map((node) => file.source.subarray(node.span.start, node.span.end)));
}
