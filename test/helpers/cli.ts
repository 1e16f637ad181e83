import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'bin/unitfix.js');

/** Runs the built CLI (npm test builds it first) without throwing on a non-zero exit. */
export function unitfix(args: readonly string[], options: Options = {}) {
  return execa(process.execPath, [BIN, ...args], { reject: false, env: { NO_COLOR: '1' }, ...options });
}
