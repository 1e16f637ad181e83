import { spawnSync } from 'node:child_process';
import { describeIfPresent } from './skip.js';

/** How to get each oracle program the tests run (all of them are in Debian; .ci/run installs them). */
const HOW_TO_GET: Record<string, string> = {
  'systemd-analyze': 'apt-get install systemd',
  'systemd-tmpfiles': 'apt-get install systemd',
  'systemd-sysusers': 'apt-get install systemd',
  pkgconf: 'apt-get install pkgconf',
  'nix-build': 'apt-get install nix-bin',
  'nix-instantiate': 'apt-get install nix-bin',
  'pre-commit': 'apt-get install pre-commit',
  udevadm: 'apt-get install udev',
  'dbus-daemon': 'apt-get install dbus-daemon',
  'dbus-send': 'apt-get install dbus-bin',
};

/** What is missing when `name` is not on PATH, as one line saying how to get it; undefined when it is there. */
export function missingTool(name: string): string | undefined {
  if (spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0) return undefined;
  return `${name} is not installed (${HOW_TO_GET[name] ?? `install ${name}`})`;
}

/** Whether an oracle program is installed; in CI a missing one is a failure, not a skip. */
export function hasTool(name: string): boolean {
  const missing = missingTool(name);
  if (missing && process.env['CI']) throw new Error(`${missing}: .ci/run must install it`);
  return missing === undefined;
}

export function describeIfTool(tool: string, name: string, fn: () => void): void {
  describeIfPresent(missingTool(tool), name, fn);
}
