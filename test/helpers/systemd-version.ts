import { execFileSync } from 'node:child_process';
import type { SystemdDialect } from '../../src/formats/systemd-version.js';

/** The dialect of the systemd installed here, to compare the parsers with its tools. */
export function installedDialect(): SystemdDialect {
  const out = execFileSync('systemd-tmpfiles', ['--version'], { encoding: 'utf8' });
  const match = /^systemd (\d+)/.exec(out);
  if (!match) throw new Error(`cannot read the systemd version from: ${out.split('\n')[0]}`);
  return { systemdVersion: Number(match[1]) };
}
