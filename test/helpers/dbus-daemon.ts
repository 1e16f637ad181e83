import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A private session bus of the installed dbus-daemon, reading activation
 * files from `serviceDir`: no systemd activation and no launch helper, so it
 * spawns each file's Exec= itself (User= is not needed and not used).
 */
export interface PrivateBus {
  readonly address: string;
  /** Asks the bus to start `name`; the error it answers with (activation of a stub always ends in one). */
  activate(name: string): string;
  /** The names the bus can activate: the activation files it loaded (nothing is started). */
  activatableNames(): string[];
  stop(): void;
}

export async function startPrivateBus(folder: string, serviceDir: string): Promise<PrivateBus> {
  const config = path.join(folder, 'bus.conf');
  fs.writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <auth>EXTERNAL</auth>
  <listen>unix:path=${path.join(folder, 'bus.socket')}</listen>
  <servicedir>${serviceDir}</servicedir>
  <policy context="default">
    <allow send_destination="*"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="service_start_timeout">10000</limit>
</busconfig>
`,
  );
  const daemon: ChildProcess = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    daemon.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    daemon.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    daemon.on('exit', (code) => reject(new Error(`dbus-daemon exited (${code}) before printing its address: ${err}`)));
    daemon.on('error', reject);
  });
  return {
    address,
    activate(name) {
      const result = spawnSync(
        'dbus-send',
        [`--bus=${address}`, '--print-reply', '--reply-timeout=10000', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.StartServiceByName', `string:${name}`, 'uint32:0'],
        { encoding: 'utf8' },
      );
      return `${result.stdout}${result.stderr}`.trim();
    },
    activatableNames() {
      const result = spawnSync(
        'dbus-send',
        [`--bus=${address}`, '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListActivatableNames'],
        { encoding: 'utf8' },
      );
      return [...result.stdout.matchAll(/string "([^"]*)"/g)].map((m) => m[1]!);
    },
    stop() {
      daemon.kill();
    },
  };
}

/** A program that writes the argv it got ($0 and each argument, NUL-terminated) to `<its path>.argv`, then fails so activation ends at once. */
export const ARGV_RECORDER = `#!/bin/sh
{ printf '%s\\0' "$0"; for a; do printf '%s\\0' "$a"; done; } > "$0.argv"
exit 1
`;

export function layRecorder(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, ARGV_RECORDER, { mode: 0o755 });
}

/** The argv the recorder at `file` last wrote, and removes the record; undefined when it did not run. */
export function takeRecordedArgv(file: string): string[] | undefined {
  const record = `${file}.argv`;
  if (!fs.existsSync(record)) return undefined;
  const bytes = fs.readFileSync(record, 'latin1');
  fs.rmSync(record);
  return bytes.split('\0').slice(0, -1);
}
