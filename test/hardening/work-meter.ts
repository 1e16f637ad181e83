import inspector from 'node:inspector';
import v8 from 'node:v8';
import vm from 'node:vm';

/** What a piece of library work cost, counted rather than timed. */
export interface Work {
  /** Blocks of JavaScript in src/ and rules/ that ran (V8's block coverage: exact, not sampled). */
  readonly steps: number;
  /** Bytes allocated on the JavaScript heap: what was freed by the collections in between, plus what is still held. */
  readonly bytes: number;
}

/**
 * Counts the work the library does two ways that load on the machine cannot
 * change. Steps count every block of its JavaScript that runs, so a loop in
 * a loop shows as the product of both wherever it hides. Work inside a
 * built-in (joining a long string, a regular expression) counts as one
 * step, but what it builds is allocated: the bytes catch a long string
 * copied once per path in it.
 *
 * V8 counts blocks only in functions compiled after counting started: start
 * the meter before the first call into the library in a test file.
 */
export interface WorkMeter {
  measure(work: () => unknown): Promise<Work>;
  stop(): Promise<void>;
}

const LIBRARY = /\/(?:src|rules)\//;

type Coverage = { result: { url: string; functions: { ranges: { count: number }[] }[] }[] };

export async function startWorkMeter(): Promise<WorkMeter> {
  // A full collection before each measure, so that what it frees is garbage of the work measured,
  // not of what ran before (which would count once a collection happens to run during the work).
  // Bytecode stays: V8 drops that of functions idle over a few collections, and compiling them
  // again would count as the work's.
  v8.setFlagsFromString('--expose-gc');
  v8.setFlagsFromString('--no-flush-bytecode');
  const collect = vm.runInNewContext('gc') as () => void;
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params?: object): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  // Taking the coverage resets its counters.
  const steps = async (): Promise<number> => {
    const { result } = await post<Coverage>('Profiler.takePreciseCoverage');
    let count = 0;
    for (const script of result) {
      if (!LIBRARY.test(script.url) || script.url.includes('/node_modules/')) continue;
      for (const fn of script.functions) for (const range of fn.ranges) count += range.count;
    }
    return count;
  };
  return {
    async measure(work) {
      await steps();
      collect();
      const profiler = new v8.GCProfiler();
      const before = v8.getHeapStatistics().used_heap_size;
      profiler.start();
      await work();
      const after = v8.getHeapStatistics().used_heap_size;
      let freed = 0;
      for (const gc of profiler.stop().statistics) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
      return { steps: await steps(), bytes: after - before + freed };
    },
    async stop() {
      await post('Profiler.stopPreciseCoverage');
      await post('Profiler.disable');
      session.disconnect();
    },
  };
}

/**
 * How much more work each doubling of the input cost: about 2 when the work
 * is linear, 4 when it is quadratic. One ratio per meter and doubling.
 */
export function doublingRatios(work: readonly Work[]): { steps: number[]; bytes: number[] } {
  const ratios = (pick: (w: Work) => number) => work.slice(1).map((w, i) => pick(w) / pick(work[i]!));
  return { steps: ratios((w) => w.steps), bytes: ratios((w) => w.bytes) };
}
