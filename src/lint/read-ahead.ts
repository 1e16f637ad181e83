import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readRoot, type ReadOptions, type ReadRoot, type RootFile } from './read-roots.js';
import type { ReadArena } from './read-arena.js';

/** Below this many inputs the main thread reads them itself: starting a thread costs about as much as walking a few. */
export const MIN_PATHS_FOR_READERS = 20;
/** Slots of the Int32Array the threads share. */
export const UNREAD = 0;
export const NEXT = 1;

/**
 * How many KiB read but not yet linted the readers may hold (counted in KiB:
 * an Int32 of bytes would overflow at 2 GiB). Reading is quick next to
 * linting, so a little is enough to keep the linting thread fed; each KiB
 * held is memory, and in chunks (ReadArena) more than a KiB: 64 MiB held
 * about 120 chunks of 1 MiB on large-files --deep (229 MB peak), 8 MiB
 * holds a fraction of that (134-140 MB) and lints no slower.
 */
const UNREAD_LIMIT = 8 << 10;

/** A read root's bytes in KiB, rounded up, as the unread count holds them. */
export function unreadKiB(root: { readonly files: readonly { readonly source: { readonly length: number } }[] }): number {
  let bytes = 0;
  for (const f of root.files) bytes += f.source.length;
  return Math.ceil(bytes / 1024);
}

/** A batch of read inputs as it crosses threads: the files' bytes in the chunks of a ReadArena, each file a slice of one. */
export interface PackedBatch {
  readonly roots: (Omit<ReadRoot, 'files'> & { files: { relative: string; format: RootFile['format']; chunk: number; offset: number; length: number }[] })[];
  readonly chunks: ArrayBuffer[];
}

/** Ends the arena's batch: the roots read into it, each file named by its place in the chunks (to transfer). */
export function packBatch(batch: readonly ReadRoot[], arena: ReadArena): PackedBatch {
  const roots = batch.map((r) => ({
    ...r,
    files: r.files.map((f) => ({ relative: f.relative, format: f.format, ...arena.locate(f.source), length: f.source.length })),
  }));
  return { roots, chunks: arena.take() };
}

function unpackBatch(packed: PackedBatch): ReadRoot[] {
  return packed.roots.map((r) => ({
    ...r,
    files: r.files.map((f) => ({ relative: f.relative, format: f.format, source: Buffer.from(packed.chunks[f.chunk]!, f.offset, f.length) })),
  }));
}

/** The reader module: next to this one when unbundled, dist/lint-reader.js when bundled. */
function readerFile(): string | undefined {
  for (const candidate of ['./read-worker.js', '../lint-reader.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

export interface ReadAhead {
  /** The inputs, walked and read, in no particular order. */
  readonly roots: AsyncIterable<ReadRoot>;
  /**
   * Says that a root's bytes are no longer needed: call it for every root
   * received, once linted. The readers wait while too much is unread, so a
   * consumer that never calls it stops them. Once every root of a batch is
   * done, its chunks go back to their reader to be filled again: the roots'
   * `source` buffers are then empty, so keep no reference to them past this.
   */
  done(root: ReadRoot): void;
}

/**
 * Walks and reads the inputs on `readers` threads while the caller lints
 * what has arrived; with 0 readers (or few inputs, or no worker module) the
 * caller's thread reads each input when it asks for it. Inputs are claimed
 * one at a time from a shared counter, by the readers and by the caller
 * whenever nothing read is waiting (while a reader starts, say), so no
 * thread idles while there is an input left. Reading is most of
 * what a lint of a closure waits for; linting is JavaScript that runs best
 * warmed up on one thread.
 */
export function readAhead(paths: readonly string[], options: ReadOptions, readers: number, unreadLimit = UNREAD_LIMIT): ReadAhead {
  const file = readers > 0 && paths.length >= MIN_PATHS_FOR_READERS ? readerFile() : undefined;
  if (!file) {
    return {
      roots: (async function* () {
        for (const input of paths) yield readRoot(input, options);
      })(),
      done() {},
    };
  }
  const count = Math.max(0, Math.min(Math.floor(readers), os.availableParallelism(), Math.ceil(paths.length / MIN_PATHS_FOR_READERS)));
  // [UNREAD] KiB read but not yet linted; [NEXT] the next input to claim (readers and this thread claim alike).
  const shared = new Int32Array(new SharedArrayBuffer(8));
  let queue: ReadRoot[] = [];
  let head = 0;
  let waiting: (() => void) | undefined;
  let running = 0;
  let failure: Error | undefined;
  const readHere = new Set<ReadRoot>();
  /** For each root a reader sent: the batch it came in, whose chunks go back once all its roots are done. */
  const batchOf = new Map<ReadRoot, { chunks: ArrayBuffer[]; left: number; worker: Worker }>();
  const wake = (): void => {
    waiting?.();
    waiting = undefined;
  };
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(file, { workerData: { paths, options, shared: shared.buffer, limit: unreadLimit } });
    let finished = false;
    running++;
    worker.on('message', (message: PackedBatch | 'done') => {
      if (message === 'done') {
        finished = true;
        running--;
      } else {
        if (head > 0 && head === queue.length) {
          queue = [];
          head = 0;
        }
        const roots = unpackBatch(message);
        const batch = { chunks: message.chunks, left: roots.length, worker };
        for (const root of roots) {
          batchOf.set(root, batch);
          queue.push(root);
        }
      }
      wake();
    });
    worker.on('error', (error) => {
      failure = error;
      wake();
    });
    worker.on('exit', (code) => {
      // Every reader says 'done' before it ends; one that ends without it has lost inputs.
      if (!finished && !failure) failure = new Error(`a reader thread exited (${code}) before reading its share`);
      wake();
    });
    return worker;
  });
  return {
    roots: (async function* () {
      try {
        for (;;) {
          // Batches arrive as messages, which only come in between tasks: let them in first.
          if (head === queue.length && running > 0) await new Promise((resolve) => setImmediate(resolve));
          if (head < queue.length) {
            const next = queue[head]!;
            queue[head++] = undefined as unknown as ReadRoot;
            yield next;
            continue;
          }
          if (failure) throw failure;
          // Nothing to lint yet (a reader is still starting, or behind): read the next input here rather than wait.
          const claimed = Atomics.add(shared, NEXT, 1);
          if (claimed < paths.length) {
            const read = readRoot(paths[claimed]!, options);
            readHere.add(read);
            yield read;
            continue;
          }
          if (running === 0) return;
          await new Promise<void>((resolve) => (waiting = resolve));
        }
      } finally {
        for (const w of workers) void w.terminate();
      }
    })(),
    done(root) {
      if (readHere.delete(root)) return;
      // Counted before the chunks go back: sending them empties the root's buffers.
      const kib = unreadKiB(root);
      const batch = batchOf.get(root);
      batchOf.delete(root);
      // A reader that has ended reads no more: its chunks are left to the collector.
      if (batch && --batch.left === 0 && running > 0) batch.worker.postMessage(batch.chunks, batch.chunks);
      if (kib > 0) {
        Atomics.sub(shared, UNREAD, kib);
        Atomics.notify(shared, UNREAD);
      }
    },
  };
}
