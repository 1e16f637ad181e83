import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Entry = string | Buffer | { readonly exec: true; readonly content?: string } | { readonly symlink: string } | { readonly mode: number; readonly content: string };

/** Makes a scratch tree: file paths (relative) to content, executables or symlinks. */
export function makeTree(entries: Record<string, Entry>, root = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-test-'))): string {
  for (const [relative, entry] of Object.entries(entries)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) fs.writeFileSync(full, entry);
    else if ('symlink' in entry) fs.symlinkSync(entry.symlink, full);
    else if ('exec' in entry) fs.writeFileSync(full, entry.content ?? '#!/bin/sh\n', { mode: 0o755 });
    else fs.writeFileSync(full, Buffer.from(entry.content, 'latin1'), { mode: entry.mode });
  }
  return root;
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

export const EXEC = { exec: true } as const;
