import { closest, didYouMean } from '../../src/text/nearest-word.js';

describe("'did you mean': the nearest candidate within a few edits", () => {
  const settings = ['ExecStart', 'ExecStop', 'ExecReload', 'User', 'Group', 'Type'];

  test('one insertion, deletion, substitution or swap of neighbours each counts as one edit', () => {
    expect(closest('ExecStrat', settings)).toBe('ExecStart');
    expect(closest('ExecStar', settings)).toBe('ExecStart');
    expect(closest('ExecStartt', settings)).toBe('ExecStart');
    expect(closest('ExecStort', settings)).toBe('ExecStart');
    for (const typo of ['ExecStrat', 'ExecStar', 'ExecStartt', 'ExecStort']) expect(closest(typo, settings, { limit: 1 })).toBe('ExecStart');
    expect(closest('ExceStrat', settings, { limit: 1 })).toBeUndefined();
    // A swap is of two neighbours that trade places, nothing else.
    expect(closest('ac', ['xa'], { limit: 1 })).toBeUndefined();
    expect(closest('ca', ['ax'], { limit: 1 })).toBeUndefined();
    // Letters added in front cost one each.
    expect(closest('abc', ['xyzabc', 'abd'], { limit: 3 })).toBe('abd');
    expect(closest('', ['ab', 'x'], { limit: 2 })).toBe('x');
  });

  test('the limit is a third of the word (at least one edit), or the one given', () => {
    expect(closest('Usr', settings)).toBe('User');
    expect(closest('Uzr', settings)).toBeUndefined();
    expect(closest('ExcStrat', settings)).toBe('ExecStart');
    expect(closest('ExcStra', settings)).toBeUndefined();
    expect(closest('Uzr', settings, { limit: 2 })).toBe('User');
    expect(closest('ExecStart', ['ExecStartXYZ'], { limit: 2 })).toBeUndefined();
  });

  test('case counts unless told otherwise; the nearest wins, the first of equally near ones', () => {
    expect(closest('EXECSTART', settings)).toBeUndefined();
    expect(closest('EXECSTART', settings, { ignoreCase: true })).toBe('ExecStart');
    expect(closest('ExecStop', settings)).toBe('ExecStop');
    expect(closest('Tyqe', ['Tyqa', 'Type'])).toBe('Tyqa');
    expect(closest('abcdef', ['abXdXf', 'abcdXf'])).toBe('abcdXf');
  });

  test('didYouMean: the suggestion as a phrase, shown as the caller spells it, or nothing', () => {
    expect(didYouMean('ExecStrat', settings)).toBe(' (did you mean ExecStart?)');
    expect(didYouMean('jsn', ['json'], (o) => `--${o}`)).toBe(' (did you mean --json?)');
    expect(didYouMean('zzzz', settings)).toBe('');
  });
});
