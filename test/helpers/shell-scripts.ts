import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isCommandKey } from '../../src/formats/unit/command-keys.js';
import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { parseUnit } from '../../src/formats/unit/parse.js';

export interface ShellScript {
  readonly shell: 'sh' | 'bash';
  /** The script as the shell gets it (systemd's unquoting done; specifiers left). */
  readonly script: string;
}

/**
 * The `sh -c`/`bash -c` scripts of a unit's command lines, in order. Worked
 * out here on its own (not with the planner's code) so that tests compare
 * against something the planner did not decide.
 */
export function unitShellScripts(source: Buffer): ShellScript[] {
  const unit = parseUnit(source);
  const found: ShellScript[] = [];
  for (const section of unit.sections) {
    for (const a of section.assignments) {
      if (!isCommandKey(section.name, a.key)) continue;
      for (const command of parseCommandLines(a.rawValue).commands) {
        let args = command.args.map((w) => w.value);
        let program = path.posix.basename(command.path);
        if (program === 'env' && args[0] && !args[0].startsWith('-') && !args[0].includes('=')) program = path.posix.basename(args.shift()!);
        const shell = program === 'bash' ? 'bash' : program === 'sh' || program === 'dash' ? 'sh' : undefined;
        if (!shell) continue;
        const c = args.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w));
        if (c < 0) continue;
        const script = args.slice(c + 1).find((w) => !/^-[a-z]+$/.test(w));
        if (script !== undefined) found.push({ shell, script });
      }
    }
  }
  return found;
}

/** `sh -n` (dash here) or `bash -n` accepts the script. */
export function shellAccepts({ shell, script }: ShellScript): boolean {
  return spawnSync(shell, ['-n', '-c', script]).status === 0;
}

/**
 * How bash itself reads the script, printed back: the script as the body of
 * a function that is defined (never called) and shown with `declare -f`.
 * Two scripts with the same words and structure print the same.
 */
export function bashReading(script: string): string | undefined {
  const run = spawnSync('bash', ['-c', 'eval "__unitfix_script() {\n$1\n}" && declare -f __unitfix_script', 'bash', script], { encoding: 'latin1' });
  return run.status === 0 ? run.stdout : undefined;
}
