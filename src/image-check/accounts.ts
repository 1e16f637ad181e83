import fs from 'node:fs';

/** The names in a passwd or group file the image build wrote (the first field of each line). */
export function readNames(file: string): Set<string> {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    // no such file: sysusers created nobody
  }
  return new Set(text.split('\n').map((l) => l.split(':', 1)[0]!).filter((n) => n !== '' && !n.startsWith('+') && !n.startsWith('-')));
}

/**
 * Names that resolve without any passwd entry: numeric ids, and root and
 * nobody, which systemd knows by itself (it synthesizes them).
 */
export function resolvesWithoutEntry(name: string): boolean {
  return /^\d+$/.test(name) || name === 'root' || name === 'nobody';
}
