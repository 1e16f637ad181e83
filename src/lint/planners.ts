import type { FormatId } from '../formats/registry.js';
import type { AnyRule } from './rule.js';
import type { Severity } from './types.js';

/** The formats whose planners fix what the rules that are on report: what `lint --fix` runs. */
export function plannersOf(rules: readonly AnyRule[], severities: Readonly<Record<string, Severity | 'off'>> = {}): FormatId[] {
  const named = new Set<FormatId>();
  for (const { meta } of rules) if (meta.fixable !== false && severities[meta.id] !== 'off') named.add(meta.fixable);
  return [...named];
}
