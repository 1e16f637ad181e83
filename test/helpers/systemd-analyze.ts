import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface VerifyResult {
  /** Every line systemd-analyze printed about the unit (its file or its name). */
  readonly messages: string[];
  /** "Command X is not executable" paths, in the order reported. */
  readonly missingCommands: string[];
  /** systemd refused the unit (fatal error, bad setting, failed to load). */
  readonly refused: boolean;
}

/**
 * Runs the real `systemd-analyze verify` over unit files in one process and
 * sorts its messages by unit. Units must have distinct file names.
 */
export function verifyUnits(files: readonly string[]): Map<string, VerifyResult> {
  const run = spawnSync('systemd-analyze', ['verify', '--man=no', '--recursive-errors=no', ...files], {
    encoding: 'utf8',
    env: { ...process.env, SYSTEMD_LOG_COLOR: '0', SYSTEMD_LOG_LOCATION: '0', SYSTEMD_LOG_TIME: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter(Boolean);
  const results = new Map<string, VerifyResult>();
  for (const file of files) {
    const name = path.basename(file);
    // systemd-analyze loads a template foo@.service as the instance foo@i.service and names that in its messages.
    const instance = name.replace(/@\./, '@i.');
    const names = instance === name ? [name] : [name, instance];
    const messages = lines.filter((l) => l.startsWith(`${file}:`) || names.some((n) => l.startsWith(`${n}:`) || l.includes(` ${n} `) || l.startsWith(`Unit ${n} `)));
    const missingCommands: string[] = [];
    for (const line of messages) {
      const match = /^\S+: Command (.*) is not executable: /.exec(line);
      if (match) missingCommands.push(match[1]!);
    }
    const refused = messages.some((m) => /fatal error|bad unit file setting|failed to load properly|Refusing/.test(m));
    results.set(file, { messages, missingCommands, refused });
  }
  return results;
}
