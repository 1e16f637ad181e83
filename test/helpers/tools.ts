import { execFileSync } from 'node:child_process';

/** Whether an oracle program is installed; in CI a missing one is a failure, not a skip. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env['CI']) throw new Error(`${name} is not installed: .ci/run must install it`);
    return false;
  }
}

export function describeIfTool(tool: string, name: string, fn: () => void): void {
  (hasTool(tool) ? describe : describe.skip)(name, fn);
}
