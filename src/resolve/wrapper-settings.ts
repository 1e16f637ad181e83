import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../usage-error.js';
import { DEFAULT_WRAPPERS } from './wrapper-table.js';

/** Where a wrapper table comes from, weakest first. */
export interface WrapperSources {
  /** The table to start from (name → wrapper path, or null to leave the command alone); default: DEFAULT_WRAPPERS. */
  readonly wrappers?: Readonly<Record<string, string | null>>;
  /** A JSON file {"name": "/path" | null} over it (fix's --wrappers). */
  readonly wrapperFile?: string;
  /** `NAME=PATH`, or `NAME=` for null, over both (fix's --wrapper). */
  readonly wrapper?: readonly string[];
}

function readWrapperFile(file: string): Record<string, string | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: cannot read the wrapper table: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${file}: the wrapper table must be a JSON object of name to path or null`);
  }
  for (const [name, target] of Object.entries(parsed)) {
    if (target !== null && typeof target !== 'string') throw new UsageError(`${file}: "${name}" must map to a path or null`);
  }
  return parsed as Record<string, string | null>;
}

function wrapperSetting(spec: string): [string, string | null] {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new UsageError(`--wrapper ${spec}: expected NAME=PATH or NAME=`);
  const target = spec.slice(eq + 1);
  if (target !== '' && !path.isAbsolute(target)) throw new UsageError(`--wrapper ${spec}: PATH must be absolute`);
  return [spec.slice(0, eq), target === '' ? null : target];
}

/**
 * The wrapper table the sources make; undefined when they name nothing but
 * the built-in one. A file or setting that cannot be used is a UsageError.
 */
export function wrapperTable(sources: WrapperSources): Readonly<Record<string, string | null>> | undefined {
  if (sources.wrapperFile === undefined && (sources.wrapper ?? []).length === 0) return sources.wrappers;
  const table: Record<string, string | null> = { ...(sources.wrappers ?? DEFAULT_WRAPPERS) };
  if (sources.wrapperFile !== undefined) Object.assign(table, readWrapperFile(sources.wrapperFile));
  for (const spec of sources.wrapper ?? []) {
    const [name, target] = wrapperSetting(spec);
    table[name] = target;
  }
  return table;
}
