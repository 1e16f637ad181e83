import fs from 'node:fs';

/** The size of an ordinary chunk: a batch of small files fills one or two. */
export const CHUNK_BYTES = 1 << 20;

/**
 * Where a reader thread puts the files it reads: straight into large chunks
 * that go to the linting thread whole (transferred, not copied) and come
 * back to be filled again once their files are linted. A file is never split
 * across chunks; one larger than a chunk gets a chunk of its own size.
 *
 * Without it every file was a buffer of its own, then copied into the batch
 * sent over: the reader's used buffers and the linting thread's used batches
 * were garbage that each thread's heap, small as it is, let pile up to tens
 * of megabytes before collecting it (282 MB peak for `lint --deep` of 1,000
 * paths of programs, against 91 MB read on one thread).
 */
export class ReadArena {
  /** The chunks of the batch being filled, in order. */
  private chunks: ArrayBuffer[] = [];
  private current: Buffer | undefined;
  private used = 0;
  /** Ordinary chunks given back, to fill again. */
  private readonly spare: ArrayBuffer[] = [];
  /** How many chunks were ever made: what recycling saves is told by it. */
  made = 0;

  /** `giveBack`: asked for chunks the linting thread is done with whenever none is spare. */
  constructor(
    private readonly chunkBytes = CHUNK_BYTES,
    private readonly giveBack: () => void = () => {},
  ) {}

  /** A chunk whose files are all linted: filled again if it has the ordinary size, else left to the collector. */
  recycle(chunk: ArrayBuffer): void {
    if (chunk.byteLength === this.chunkBytes) this.spare.push(chunk);
  }

  private startChunk(atLeast: number): void {
    if (atLeast <= this.chunkBytes && this.spare.length === 0) this.giveBack();
    let chunk = atLeast <= this.chunkBytes ? this.spare.pop() : undefined;
    if (!chunk) {
      chunk = new ArrayBuffer(Math.max(this.chunkBytes, atLeast));
      this.made++;
    }
    this.chunks.push(chunk);
    this.current = Buffer.from(chunk);
    this.used = 0;
  }

  /** A whole file, read into the batch; the view stays valid until the batch is taken and its chunks come back. */
  readFile(file: string): Buffer {
    const fd = fs.openSync(file, 'r');
    try {
      if (!this.current || this.used === this.current.length) this.startChunk(0);
      let start = this.used;
      let length = 0;
      for (;;) {
        const room = this.current!.length - start - length;
        if (room === 0) {
          // The file goes on past this chunk: move what was read to a chunk it fits in (its size, when larger).
          const size = fs.fstatSync(fd).size;
          const read = Buffer.from(this.current!.buffer, this.current!.byteOffset + start, length);
          this.startChunk(Math.max(size, length) + 1);
          read.copy(this.current!, 0);
          start = 0;
          continue;
        }
        const n = fs.readSync(fd, this.current!, start + length, room, null);
        if (n === 0) break;
        length += n;
      }
      this.used = start + length;
      return this.current!.subarray(start, start + length);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Gives back the room of the file read last (one read and then not kept). */
  drop(view: Buffer): void {
    if (this.current && view.buffer === this.current.buffer && view.byteOffset + view.length === this.used) this.used = view.byteOffset;
  }

  /** Where a view returned by readFile lies in the batch: its chunk's index and its offset there. */
  locate(view: Buffer): { chunk: number; offset: number } {
    return { chunk: this.chunks.indexOf(view.buffer as ArrayBuffer), offset: view.byteOffset };
  }

  /** Ends the batch: its chunks, to transfer. The next file starts a new one. */
  take(): ArrayBuffer[] {
    const chunks = this.chunks;
    this.chunks = [];
    this.current = undefined;
    this.used = 0;
    return chunks;
  }
}
