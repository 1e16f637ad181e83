import { defineRule, docsPage, type AnyRule } from '../lint/rule.js';
import type { Severity } from '../lint/types.js';

/**
 * A rule whose findings only `unitfix image-check` makes: registered beside
 * lint's rules (for severities, `unitfix explain` and the docs), but it looks
 * at no file of its own, so lint never runs it.
 */
export function imageRule(id: string, severity: Severity, description: string): AnyRule {
  return defineRule({ meta: { id, description: `image-check: ${description}`, formats: [], severity, docs: docsPage(id), messages: {}, fixable: false }, create() {} });
}

/** Whether a registered rule is one of image-check's. */
export function isImageRule(rule: AnyRule): boolean {
  return rule.meta.formats.length === 0 && rule.meta.id.startsWith('image-');
}
