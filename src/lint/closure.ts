import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../usage-error.js';

const run = promisify(execFile);

/**
 * Every store path in the closures of `roots`, each once, in the order
 * `nix-store --query --requisites` lists them. A root nix-store refuses is
 * the caller's mistake (a UsageError naming it, with nix-store's first line).
 */
export async function closureOf(roots: readonly string[]): Promise<string[]> {
  const all = new Set<string>();
  for (const root of roots) {
    let stdout: string;
    try {
      // A system's closure lists thousands of store paths. nix-store is looked up on PATH as
      // process.env has it now (where a test runner's process.env is not the one Node started with).
      ({ stdout } = await run('nix-store', ['--query', '--requisites', root], { encoding: 'utf8', maxBuffer: 64 << 20, env: process.env }));
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      throw new UsageError(`--closure ${root}: nix-store --query --requisites failed: ${(stderr || message).split('\n')[0]}`);
    }
    for (const line of stdout.split('\n')) if (line) all.add(line);
  }
  return [...all];
}

/** Where a closure's programs are: each store path's bin/ and sbin/, in closure order. */
export function closureSearchPath(closure: Iterable<string>): string[] {
  return [...closure].flatMap((p) => [path.join(p, 'bin'), path.join(p, 'sbin')]);
}
