import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { RULES } from '../../rules/index.js';
import { lintPaths, type LintOptions, type LintReport } from './engine.js';
import type { Finding } from './types.js';

/** Below this many store paths one thread is faster: starting a worker costs about as much as linting a few paths. */
const MIN_PATHS_PER_WORKER = 50;

/** The worker module: next to this one when unbundled, dist/lint-worker.js when bundled. */
function workerFile(): string | undefined {
  for (const candidate of ['./worker.js', '../lint-worker.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/**
 * lintPaths over many store paths (a closure) on every core: the paths are
 * dealt out to worker threads, whose reports are merged in path order.
 * Falls back to one thread for few paths, custom rules or progress display.
 */
export async function lintPathsInParallel(options: LintOptions, threads = 1): Promise<LintReport> {
  const file = workerFile();
  const workers = Math.min(threads, os.availableParallelism(), Math.floor(options.paths.length / MIN_PATHS_PER_WORKER));
  if (!file || workers < 2 || options.rules || options.onProgress) return lintPaths(options);
  const { rules: _rules, onProgress: _progress, ...shared } = options;
  const shares: string[][] = Array.from({ length: workers }, () => []);
  options.paths.forEach((p, i) => shares[i % workers]!.push(p));
  const reports = await Promise.all(
    shares.map(
      (paths) =>
        new Promise<{ findings: Finding[]; filesScanned: number; errors: { path: string; message: string }[] }>((resolve, reject) => {
          const worker = new Worker(file, { workerData: { ...shared, paths } });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`a lint worker exited (${code}) without a report`)));
        }),
    ),
  );
  const findings = reports.flatMap((r) => r.findings);
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  return {
    findings,
    filesScanned: reports.reduce((n, r) => n + r.filesScanned, 0),
    errors: reports.flatMap((r) => r.errors),
    rules: RULES,
  };
}
