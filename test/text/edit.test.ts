import { applyEdits, OverlappingEditsError } from '../../src/text/edit.js';

describe('applyEdits', () => {
  const source = Buffer.from('ExecStart=/usr/bin/foo --a');
  const edit = (start: number, end: number, text: string) => ({ start, end, text: Buffer.from(text) });

  test('applies edits given in any order against the original bytes', () => {
    expect(applyEdits(source, [edit(23, 26, '--b'), edit(10, 22, '/x/foo')]).toString()).toBe('ExecStart=/x/foo --b');
  });

  test('refuses overlapping edits instead of merging them', () => {
    expect(() => applyEdits(source, [edit(10, 20, 'a'), edit(15, 22, 'b')])).toThrow(OverlappingEditsError);
  });

  test('refuses edits outside the source', () => {
    expect(() => applyEdits(source, [edit(20, 99, 'x')])).toThrow(RangeError);
  });

  test('insertions at the same place as a replacement start are ordered, not lost', () => {
    expect(applyEdits(source, [edit(10, 10, '>'), edit(10, 22, '/x')]).toString()).toBe('ExecStart=>/x --a');
  });
});
