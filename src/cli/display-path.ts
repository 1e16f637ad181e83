import path from 'node:path';

/**
 * A path as short as it can be while still unambiguous (relative inside the
 * working directory), with control characters escaped so that one message
 * stays one line even for a file named with a newline.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  const shown = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  // eslint-disable-next-line no-control-regex
  return shown.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
