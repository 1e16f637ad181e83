/**
 * A rewrite planner's problem says what `unitfix fix` did ("…; left as it
 * is"); a lint finding says what is wrong. The same message, without the
 * fixer's account of leaving the file alone.
 */
export function findingWords(plannerMessage: string): string {
  return plannerMessage.replace(/; left (?:\S+ )?as it is$/, '');
}
