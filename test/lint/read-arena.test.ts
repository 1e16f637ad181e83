import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReadArena } from '../../src/lint/read-arena.js';

// Chunks of 64 bytes: small enough that a few files fill one.
const CHUNK = 64;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-arena-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, content);
  return full;
}

describe('the reader thread\'s arena', () => {
  test('small files are read whole, one after another in the same chunk', () => {
    const arena = new ReadArena(CHUNK);
    const views = ['a\n', 'bb\n', 'ccc\n'].map((text, i) => arena.readFile(file(`small${i}`, text)));
    expect(views.map((v) => v.toString())).toEqual(['a\n', 'bb\n', 'ccc\n']);
    expect(views.map((v) => arena.locate(v))).toEqual([
      { chunk: 0, offset: 0 },
      { chunk: 0, offset: 2 },
      { chunk: 0, offset: 5 },
    ]);
    expect(arena.take()).toHaveLength(1);
    expect(arena.made).toBe(1);
  });

  test('a file that does not fit in what is left of a chunk moves whole to the next one, never split', () => {
    const arena = new ReadArena(CHUNK);
    arena.readFile(file('first', 'x'.repeat(40)));
    const second = arena.readFile(file('second', 'y'.repeat(30)));
    expect(second.toString()).toBe('y'.repeat(30));
    expect(arena.locate(second)).toEqual({ chunk: 1, offset: 0 });
    expect(arena.take().map((c) => c.byteLength)).toEqual([CHUNK, CHUNK]);
  });

  test('a file larger than a chunk gets a chunk of its own size, and its bytes whole', () => {
    const arena = new ReadArena(CHUNK);
    const big = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const view = arena.readFile(file('big', big));
    expect(view.equals(big)).toBe(true);
    const { chunk, offset } = arena.locate(view);
    const chunks = arena.take();
    expect(offset).toBe(0);
    expect(chunks[chunk]!.byteLength).toBeGreaterThanOrEqual(1000);
    expect(Buffer.from(chunks[chunk]!, 0, 1000).equals(big)).toBe(true);
  });

  test('an empty file is an empty view', () => {
    const arena = new ReadArena(CHUNK);
    expect(arena.readFile(file('empty', '')).length).toBe(0);
  });

  test('dropping the file read last gives its room to the next file', () => {
    const arena = new ReadArena(CHUNK);
    arena.readFile(file('kept', 'keep\n'));
    const dropped = arena.readFile(file('dropped', 'not a program\n'));
    arena.drop(dropped);
    const next = arena.readFile(file('next', 'next\n'));
    expect(arena.locate(next)).toEqual({ chunk: 0, offset: 5 });
    expect(next.toString()).toBe('next\n');
  });

  test('chunks given back are filled again: batch after batch, no new chunk is made', () => {
    let givenBack: ArrayBuffer[] = [];
    const arena: ReadArena = new ReadArena(CHUNK, () => {
      for (const chunk of givenBack) arena.recycle(chunk);
      givenBack = [];
    });
    const names = Array.from({ length: 5 }, (_, i) => file(`batch${i}`, `${'z'.repeat(50)}${i}`));
    for (let round = 0; round < 10; round++) {
      const views = names.slice(0, 3).map((n) => arena.readFile(n));
      expect(views.map((v) => v.toString().slice(-1))).toEqual(['0', '1', '2']);
      // The linting thread is done with the batch: its chunks come back (detached here, as a transfer detaches them).
      givenBack = arena.take().map((chunk) => structuredClone(chunk, { transfer: [chunk] }));
      expect(views.every((v) => v.length === 0)).toBe(true);
    }
    expect(arena.made).toBe(3);
  });

  test('a chunk of another size (a large file\'s) is not kept for reuse', () => {
    const arena = new ReadArena(CHUNK);
    arena.recycle(new ArrayBuffer(CHUNK * 4));
    arena.readFile(file('after-odd', 'a'));
    expect(arena.made).toBe(1);
  });
});
