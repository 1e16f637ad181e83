import type { Rule, Severity } from '../lint/types.js';

/**
 * A rule whose findings only `unitfix image-check` makes: registered beside
 * lint's rules (for severities, `unitfix explain` and the docs), but it looks
 * at no file of its own, so lint never runs it.
 */
export function imageRule(id: string, severity: Severity, description: string): Rule {
  return { id, description: `image-check: ${description}`, severity, fixable: false, appliesTo: [] };
}

/** Whether a registered rule is one of image-check's. */
export function isImageRule(rule: Rule): boolean {
  return rule.appliesTo.length === 0 && rule.id.startsWith('image-');
}
