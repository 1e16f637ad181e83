import { parentPort, workerData } from 'node:worker_threads';
import { readRoot, type ReadOptions, type ReadRoot } from './read-roots.js';
import { packBatch } from './read-ahead.js';

/**
 * A reader thread: walks its share of the inputs and reads their files
 * while the main thread lints what it has already received. Batches go over
 * in one transferred buffer each; it waits while too many bytes are unread.
 */
const { paths, options, inFlight, limit } = workerData as { paths: string[]; options: ReadOptions; inFlight: SharedArrayBuffer; limit: number };
const unread = new Int32Array(inFlight);
const BATCH_ROOTS = 16;
const BATCH_BYTES = 1 << 20;

let batch: ReadRoot[] = [];
let bytes = 0;
const flush = (): void => {
  if (batch.length === 0) return;
  // Back-pressure: a closure's programs (--deep) can be gigabytes; hold off while the main thread is behind.
  for (let seen = Atomics.load(unread, 0); seen > 0 && seen + bytes > limit; seen = Atomics.load(unread, 0)) Atomics.wait(unread, 0, seen, 50);
  Atomics.add(unread, 0, bytes);
  const packed = packBatch(batch, bytes);
  parentPort!.postMessage(packed, [packed.data]);
  batch = [];
  bytes = 0;
};
for (const input of paths) {
  const read = readRoot(input, options);
  batch.push(read);
  for (const f of read.files) bytes += f.source.length;
  if (batch.length >= BATCH_ROOTS || bytes >= BATCH_BYTES) flush();
}
flush();
parentPort!.postMessage('done');
