import { Chalk, type ChalkInstance } from 'chalk';

/** Colour only on a terminal, and never with NO_COLOR set (no-color.org). */
export function styleFor(stream: NodeJS.WriteStream): ChalkInstance {
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  const force = process.env['FORCE_COLOR'];
  if (noColor) return new Chalk({ level: 0 });
  if (force !== undefined && force !== '0' && force !== 'false') return new Chalk({ level: 1 });
  return new Chalk({ level: stream.isTTY ? 1 : 0 });
}
