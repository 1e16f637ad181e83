import { parentPort, workerData } from 'node:worker_threads';
import { lintPaths, type LintOptions } from './engine.js';

/** A lint worker: lints its share of the store paths and posts the report back. */
const options = workerData as Omit<LintOptions, 'rules' | 'onProgress'>;
const report = await lintPaths(options);
parentPort!.postMessage({ findings: report.findings, filesScanned: report.filesScanned, errors: report.errors });
