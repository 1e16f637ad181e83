import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { readRoot, type FileReader, type ReadOptions, type ReadRoot } from './read-roots.js';
import { NEXT, UNREAD, packBatch, unreadKiB } from './read-ahead.js';
import { CHUNK_BYTES, ReadArena } from './read-arena.js';

/**
 * A reader thread: claims inputs one by one, walks them and reads their
 * files while the main thread lints what it has already received. Batches go over
 * in the transferred chunks of a ReadArena, which come back once linted; it
 * waits while too many bytes are unread.
 */
const { paths, options, shared, limit } = workerData as { paths: string[]; options: ReadOptions; shared: SharedArrayBuffer; limit: number };
const counters = new Int32Array(shared);
// Small batches first, so the main thread starts linting early; then up to 16 inputs a batch.
let batchRoots = 1;
const BATCH_BYTES = 1 << 20;

// Files go straight into the batch's chunks; chunks the main thread sends back (all their files linted) are filled again.
const arena: ReadArena = new ReadArena(CHUNK_BYTES, () => {
  for (let back = receiveMessageOnPort(parentPort!); back; back = receiveMessageOnPort(parentPort!)) {
    for (const chunk of back.message as ArrayBuffer[]) arena.recycle(chunk);
  }
});
const reader: FileReader = { read: (file) => arena.readFile(file), drop: (source) => arena.drop(source) };

let batch: ReadRoot[] = [];
let bytes = 0;
const flush = (): void => {
  if (batch.length === 0) return;
  // Back-pressure: a closure's programs (--deep) can be gigabytes; hold off while the main thread is behind.
  const kib = batch.reduce((n, root) => n + unreadKiB(root), 0);
  for (let seen = Atomics.load(counters, UNREAD); seen > 0 && seen + kib > limit; seen = Atomics.load(counters, UNREAD)) Atomics.wait(counters, UNREAD, seen, 50);
  Atomics.add(counters, UNREAD, kib);
  const packed = packBatch(batch, arena);
  parentPort!.postMessage(packed, packed.chunks);
  batch = [];
  bytes = 0;
};
for (let claimed = Atomics.add(counters, NEXT, 1); claimed < paths.length; claimed = Atomics.add(counters, NEXT, 1)) {
  const read = readRoot(paths[claimed]!, options, reader);
  batch.push(read);
  for (const f of read.files) bytes += f.source.length;
  if (batch.length >= batchRoots || bytes >= BATCH_BYTES) {
    flush();
    batchRoots = Math.min(16, batchRoots * 2);
  }
}
flush();
parentPort!.postMessage('done');
