import fs from 'node:fs';
import { fsErrorWords } from '../fs/error-words.js';

/**
 * A program's bytes, read a piece at a time: a program of a closure can be
 * larger than the memory lint may use, so --deep never holds one whole.
 */
export interface ProgramBytes {
  readonly size: number;
  /**
   * Up to `length` bytes from offset `at`, fewer at the end. The buffer may
   * be reused by the next read: copy what must outlive it.
   */
  read(at: number, length: number): Buffer;
}

/** How many bytes of a program are scanned at a time. */
export const SCAN_CHUNK = 1 << 16;

const NOTHING = Buffer.alloc(0);

/** Bytes already in memory (a program read within the read-ahead budget). */
export function bufferBytes(source: Buffer): ProgramBytes {
  return { size: source.length, read: (at, length) => source.subarray(at, at + length) };
}

/**
 * An open file's bytes. A failed read ends them (an empty read) and is kept
 * in `error`, so a rule scanning them needs no error handling of its own:
 * whoever opened the file reports it.
 */
export class FileBytes implements ProgramBytes {
  error: string | undefined;
  private scratch = NOTHING;

  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  /** Opens a file; throws what open and fstat throw. Close it when done. */
  static open(file: string): FileBytes {
    const fd = fs.openSync(file, 'r');
    try {
      return new FileBytes(fd, fs.fstatSync(fd).size);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  read(at: number, length: number): Buffer {
    if (this.error !== undefined || length <= 0) return NOTHING;
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, Math.min(SCAN_CHUNK, 2 * this.scratch.length)));
    let got = 0;
    try {
      for (let n = -1; got < length && n !== 0; got += n) n = fs.readSync(this.fd, this.scratch, got, length - got, at + got);
    } catch (error) {
      this.error = fsErrorWords(error);
      return NOTHING;
    }
    return this.scratch.subarray(0, got);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/**
 * Every match of a global `pattern` in the bytes, in order, with its offset,
 * as one pass over the whole file would find them, reading `chunk` bytes at
 * a time. Each chunk is scanned together with the last `longest` bytes
 * before it that may still begin a match: `longest` must be at least the
 * longest match the pattern can make (give it a bounded quantifier), so a
 * match that starts earlier ends, and is known to end, inside its chunk.
 * Memory: one chunk and `longest` bytes, whatever the file's size.
 */
export function* matchesIn(bytes: ProgramBytes, pattern: RegExp, longest: number, chunk = SCAN_CHUNK): Generator<{ readonly text: string; readonly at: number }> {
  // `carry` holds the file's bytes from `base` on that are not scanned to the end yet.
  let carry = '';
  let base = 0;
  for (let next = 0; ; ) {
    const piece = bytes.read(next, chunk);
    next += piece.length;
    const final = piece.length === 0;
    const text = final ? carry : carry + piece.toString('latin1');
    // Matches starting from here on may run past the text: they wait for the next chunk.
    const settled = final ? text.length : Math.max(0, text.length - longest);
    let resume = settled;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null && m.index < settled; m = pattern.exec(text)) {
      yield { text: m[0], at: base + m.index };
      resume = Math.max(settled, m.index + m[0].length);
      if (m[0].length === 0) pattern.lastIndex++;
    }
    if (final) return;
    carry = text.slice(resume);
    base += resume;
  }
}
