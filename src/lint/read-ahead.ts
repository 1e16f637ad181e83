import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readRoot, type ReadOptions, type ReadRoot, type RootFile } from './read-roots.js';

/** Below this many inputs the main thread reads them itself: starting a thread costs about as much as walking a few. */
export const MIN_PATHS_FOR_READERS = 20;
/** How many read but not yet linted bytes the readers may hold. */
const UNREAD_LIMIT = 64 << 20;

/** A batch of read inputs as it crosses threads: the files' bytes in one buffer, each file a slice of it. */
export interface PackedBatch {
  readonly roots: (Omit<ReadRoot, 'files'> & { files: { relative: string; format: RootFile['format']; offset: number; length: number }[] })[];
  readonly data: ArrayBuffer;
}

export function packBatch(batch: readonly ReadRoot[], bytes: number): PackedBatch {
  const data = new ArrayBuffer(bytes);
  const view = new Uint8Array(data);
  let offset = 0;
  const roots = batch.map((r) => ({
    ...r,
    files: r.files.map((f) => {
      view.set(f.source, offset);
      const entry = { relative: f.relative, format: f.format, offset, length: f.source.length };
      offset += f.source.length;
      return entry;
    }),
  }));
  return { roots, data };
}

function unpackBatch(packed: PackedBatch): ReadRoot[] {
  return packed.roots.map((r) => ({
    ...r,
    files: r.files.map((f) => ({ relative: f.relative, format: f.format, source: Buffer.from(packed.data, f.offset, f.length) })),
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
  /** Says that a root's bytes are no longer needed (back-pressure for the readers). */
  done(root: ReadRoot): void;
}

/**
 * Walks and reads the inputs on `readers` threads while the caller lints
 * what has arrived; with 0 readers (or few inputs, or no worker module) the
 * caller's thread reads each input when it asks for it. Reading is most of
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
  const count = Math.min(readers, Math.ceil(paths.length / MIN_PATHS_FOR_READERS));
  const inFlight = new SharedArrayBuffer(4);
  const unread = new Int32Array(inFlight);
  const shares: string[][] = Array.from({ length: count }, () => []);
  // Contiguous shares: neighbouring store paths often share parents the kernel has cached.
  paths.forEach((p, i) => shares[Math.floor((i * count) / paths.length)]!.push(p));
  let queue: ReadRoot[] = [];
  let head = 0;
  let waiting: (() => void) | undefined;
  let running = count;
  let failure: Error | undefined;
  const wake = (): void => {
    waiting?.();
    waiting = undefined;
  };
  const workers = shares.map((share) => {
    const worker = new Worker(file, { workerData: { paths: share, options, inFlight, limit: unreadLimit } });
    worker.on('message', (message: PackedBatch | 'done') => {
      if (message === 'done') running--;
      else {
        if (head > 0 && head === queue.length) {
          queue = [];
          head = 0;
        }
        for (const root of unpackBatch(message)) queue.push(root);
      }
      wake();
    });
    worker.on('error', (error) => {
      failure = error;
      wake();
    });
    worker.on('exit', (code) => {
      if (code !== 0 && !failure) failure = new Error(`a reader thread exited with ${code}`);
      wake();
    });
    return worker;
  });
  return {
    roots: (async function* () {
      try {
        for (;;) {
          if (head < queue.length) {
            const next = queue[head]!;
            queue[head++] = undefined as unknown as ReadRoot;
            yield next;
            continue;
          }
          if (failure) throw failure;
          if (running === 0) return;
          await new Promise<void>((resolve) => (waiting = resolve));
        }
      } finally {
        for (const w of workers) void w.terminate();
      }
    })(),
    done(root) {
      const size = root.files.reduce((n, f) => n + f.source.length, 0);
      if (size > 0) {
        Atomics.sub(unread, 0, size);
        Atomics.notify(unread, 0);
      }
    },
  };
}
