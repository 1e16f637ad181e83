import { EditPlan } from '../../src/fix/plans/edit-plan.js';
import { applyEdits } from '../../src/text/edit.js';

// Every planner builds its edits here: what it refuses becomes a problem, and the file written is
// always the original with only the accepted spans replaced.
const SOURCE = Buffer.from('ExecStart=/usr/bin/foo --x\nExecStop=/bin/kill\n');
const column = (offset: number) => ({ line: offset < 27 ? 1 : 2, column: offset < 27 ? offset + 1 : offset - 26 });
const plan = () => new EditPlan(SOURCE.length, column);

test('a replacement is an edit against the original bytes, reported at its span', () => {
  const p = plan();
  expect(p.replace({ start: 36, end: 45 }, '/nix/store/k/bin/kill', { from: '/bin/kill', key: 'ExecStop' })).toBe(true);
  expect(p.replace({ start: 10, end: 22 }, '/nix/store/f/bin/foo', { from: '/usr/bin/foo', key: 'ExecStart', kind: 'program' })).toBe(true);
  const { edits, replacements, problems } = p.rewrite();
  expect(applyEdits(SOURCE, edits).toString()).toBe('ExecStart=/nix/store/f/bin/foo --x\nExecStop=/nix/store/k/bin/kill\n');
  expect(replacements).toEqual([
    { line: 2, column: 10, key: 'ExecStop', from: '/bin/kill', to: '/nix/store/k/bin/kill' },
    { line: 1, column: 11, key: 'ExecStart', from: '/usr/bin/foo', to: '/nix/store/f/bin/foo', kind: 'program' },
  ]);
  expect(problems).toEqual([]);
});

test.each([
  ['a path that would need quoting', { start: 10, end: 22 }, '/nix/store/f oo/bin/foo', 'resolved path /nix/store/f oo/bin/foo would need quoting; left /usr/bin/foo as it is'],
  ['a path with a specifier character', { start: 10, end: 22 }, '/nix/store/f/bin/%foo', 'resolved path /nix/store/f/bin/%foo would need quoting; left /usr/bin/foo as it is'],
  ['no span', undefined, '/nix/store/f/bin/foo', '/usr/bin/foo cannot be rewritten in place; left as it is'],
  ['a span past the end', { start: 40, end: SOURCE.length + 1 }, '/nix/store/f/bin/foo', '/usr/bin/foo cannot be rewritten in place; left as it is'],
  ['a reversed span', { start: 22, end: 10 }, '/nix/store/f/bin/foo', '/usr/bin/foo cannot be rewritten in place; left as it is'],
])('%s is a problem, no edit', (_, span, to, message) => {
  const p = plan();
  expect(p.replace(span, to, { from: '/usr/bin/foo', key: 'ExecStart', at: 10 })).toBe(false);
  expect(p.rewrite()).toEqual({ edits: [], replacements: [], problems: [{ line: 1, column: 11, key: 'ExecStart', message }] });
});

test.each([
  ['the same span', { start: 10, end: 22 }],
  ['a span inside it', { start: 14, end: 18 }],
  ['a span across its end', { start: 20, end: 26 }],
  ['a span across its start', { start: 5, end: 11 }],
  ['an insertion at its start', { start: 10, end: 10 }],
])('%s as one planned before is refused: the first stands', (_, span) => {
  const p = plan();
  p.replace({ start: 10, end: 22 }, '/nix/store/f/bin/foo', { from: '/usr/bin/foo', key: 'ExecStart' });
  expect(p.replace(span, '/x', { from: 'y', key: 'ExecStart' })).toBe(false);
  const { edits, problems } = p.rewrite();
  expect(edits).toHaveLength(1);
  expect(problems.map((x) => x.message)).toEqual(['y overlaps another rewrite in this file; left as it is']);
  expect(applyEdits(SOURCE, edits).toString()).toBe('ExecStart=/nix/store/f/bin/foo --x\nExecStop=/bin/kill\n');
});

test('spans that touch are not overlaps; a position given is where both the replacement and a refusal are reported', () => {
  const p = plan();
  const at = { line: 1, column: 1 };
  expect(p.replace({ start: 10, end: 14 }, '/a', { from: '/usr', key: 'k', at })).toBe(true);
  expect(p.replace({ start: 14, end: 22 }, '/b', { from: '/bin/foo', key: 'k', at })).toBe(true);
  expect(p.replace({ start: 22, end: 22 }, '/c', { from: '', key: 'k', at, lead: ' -', shown: 'c', unplaced: 'never' })).toBe(true);
  expect(p.replace(undefined, '/d', { from: '/d', key: 'k', at, unplaced: 'cannot go there' })).toBe(false);
  const { edits, replacements, problems } = p.rewrite();
  expect(applyEdits(SOURCE, edits).toString().split('\n')[0]).toBe('ExecStart=/a/b -/c --x');
  expect(replacements.map((r) => [r.line, r.column, r.to])).toEqual([[1, 1, '/a'], [1, 1, '/b'], [1, 1, 'c']]);
  expect(problems).toEqual([{ line: 1, column: 1, key: 'k', message: 'cannot go there' }]);
});

test('spans that touch, planned right to left, are not overlaps either', () => {
  const p = plan();
  expect(p.replace({ start: 14, end: 22 }, '/b', { from: '/bin/foo', key: 'k' })).toBe(true);
  expect(p.replace({ start: 10, end: 14 }, '/a', { from: '/usr', key: 'k' })).toBe(true);
  expect(applyEdits(SOURCE, p.rewrite().edits).toString().split('\n')[0]).toBe('ExecStart=/a/b --x');
});

test('two insertions at one place: the second is refused (their order would be a guess)', () => {
  const p = plan();
  expect(p.replace({ start: 22, end: 22 }, '/c', { from: '', key: 'k', lead: ' ' })).toBe(true);
  expect(p.replace({ start: 22, end: 22 }, '/d', { from: 'd', key: 'k', lead: ' ' })).toBe(false);
  expect(applyEdits(SOURCE, p.rewrite().edits).toString().split('\n')[0]).toBe('ExecStart=/usr/bin/foo /c --x');
  expect(p.rewrite().problems.map((x) => x.message)).toEqual(['d overlaps another rewrite in this file; left as it is']);
});

test('a refusal with neither a span nor a position is reported at the start of the file', () => {
  const p = plan();
  expect(p.replace(undefined, '/d', { from: '/d', key: 'k' })).toBe(false);
  expect(p.rewrite().problems).toEqual([{ line: 1, column: 1, key: 'k', message: '/d cannot be rewritten in place; left as it is' }]);
});
