import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the unitfix repository lives, as package.json says (`repository`,
 * else `homepage`): the one place to change when it moves. Undefined when
 * package.json names none; reports then leave the links out rather than
 * point at a guess.
 */
export function projectHome(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  // From src/lint/reporters, dist/src/lint/reporters or dist/chunks.
  for (let i = 0; i < 6; i++, dir = path.dirname(dir)) {
    let manifest: { name?: unknown; repository?: unknown; homepage?: unknown };
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.name !== 'unitfix') continue;
    const repository = typeof manifest.repository === 'string' ? manifest.repository : (manifest.repository as { url?: unknown } | undefined)?.url;
    const url = typeof repository === 'string' ? repository : typeof manifest.homepage === 'string' ? manifest.homepage : undefined;
    // npm's spelling (git+https://…/x.git) to the page a browser opens.
    return url?.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/$/, '');
  }
  return undefined;
}
