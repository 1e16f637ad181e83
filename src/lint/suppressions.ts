/**
 * Inline suppressions in the linted files' own comments:
 *   # unitfix-disable-next-line rule-id[, rule-id…]   the next line only
 *   # unitfix-disable rule-id[, …]                    from here to the end, or to
 *   # unitfix-enable rule-id[, …]                     this
 * ('#' or ';' start a comment line in units; '#' in tmpfiles.d, sysusers.d
 * and .pc files, where it may also follow a value).
 */
export interface Suppression {
  readonly line: number;
  readonly ruleId: string;
  /** Lines it covers, inclusive. */
  readonly from: number;
  readonly to: number;
  used: boolean;
}

/** The rule that reports suppression comments that suppress nothing; the engine runs it, no rule module. */
export const UNUSED_SUPPRESSION = 'unused-suppression';

const DIRECTIVE = /^\s*(?:[#;]|.*#)\s*unitfix-(disable-next-line|disable|enable)\s+([A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*)\s*$/;

/** `lines`: the file's lines as its format counts them (systemd's read_line rules, or pkgconf's). */
export function parseSuppressions(lines: readonly string[]): Suppression[] {
  const result: Suppression[] = [];
  const open = new Map<string, Suppression>();
  lines.forEach((content, index) => {
    const match = DIRECTIVE.exec(content);
    if (!match) return;
    const line = index + 1;
    for (const ruleId of match[2]!.split(/\s*,\s*/)) {
      if (match[1] === 'disable-next-line') result.push({ line, ruleId, from: line + 1, to: line + 1, used: false });
      else if (match[1] === 'disable') {
        const s: Suppression = { line, ruleId, from: line, to: lines.length, used: false };
        open.set(ruleId, s);
        result.push(s);
      } else {
        const s = open.get(ruleId);
        if (s) (s as { to: number }).to = line;
        open.delete(ruleId);
      }
    }
  });
  return result;
}

/** Whether a finding is suppressed; marks the suppression used. */
export function isSuppressed(suppressions: readonly Suppression[], ruleId: string, line: number): boolean {
  const s = suppressions.find((x) => x.ruleId === ruleId && line >= x.from && line <= x.to);
  if (s) s.used = true;
  return s !== undefined;
}
