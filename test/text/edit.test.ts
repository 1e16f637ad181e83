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

  test('refuses edits outside the source or backwards, and says which', () => {
    expect(() => applyEdits(source, [edit(20, 99, 'x')])).toThrow(new RangeError('edit [20, 99) is outside the source (26 bytes)'));
    expect(() => applyEdits(source, [edit(-1, 2, 'x')])).toThrow(RangeError);
    expect(() => applyEdits(source, [edit(5, 4, 'x')])).toThrow(RangeError);
  });

  test('an edit at offset 0 and one at the very end are inside', () => {
    expect(applyEdits(source, [edit(0, 4, 'Exec'.toLowerCase()), edit(26, 26, '!')]).toString()).toBe('execStart=/usr/bin/foo --a!');
  });

  test('the overlap error names both edits, and itself where it is printed', () => {
    expect(() => applyEdits(source, [edit(15, 22, 'b'), edit(10, 20, 'a')])).toThrow('edits overlap: [10, 20) and [15, 22)');
    const error = (() => {
      try {
        applyEdits(source, [edit(15, 22, 'b'), edit(10, 20, 'a')]);
      } catch (e) {
        return e;
      }
    })();
    expect(String(error)).toBe('OverlappingEditsError: edits overlap: [10, 20) and [15, 22)');
  });

  test('no edits: the same buffer back', () => {
    expect(applyEdits(source, [])).toBe(source);
  });

  test('an insertion and a replacement starting at the same place: the insertion goes first, whatever the input order', () => {
    expect(applyEdits(source, [edit(10, 22, '/x'), edit(10, 10, '>')]).toString()).toBe('ExecStart=>/x --a');
  });

  test('insertions at the same place as a replacement start are ordered, not lost', () => {
    expect(applyEdits(source, [edit(10, 10, '>'), edit(10, 22, '/x')]).toString()).toBe('ExecStart=>/x --a');
  });
});
