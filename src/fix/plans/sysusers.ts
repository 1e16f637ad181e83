import type { Edit } from '../../text/edit.js';
import { displayText } from '../../text/bytes.js';
import { locate } from '../../text/line-index.js';
import type { Problem, Replacement, Rewrite } from './rewrite.js';
import { isSafePath } from '../../text/safe-path.js';
import { fhsFileRelative } from '../../resolve/fhs-path.js';
import type { Resolution, ResolveContext } from '../../resolve/resolver.js';
import type { SysusersFile } from '../../formats/sysusers/model.js';

export interface ShellResolver {
  resolveExecutable(file: string, context?: ResolveContext): Resolution;
}


/**
 * Login shells under /usr, /bin or /sbin (/usr/sbin/nologin, /bin/bash)
 * resolve like commands; homes under /usr are reported, since nothing can
 * live there on a hermetic-/usr system.
 */
export function planSysusersRewrites(file: SysusersFile, resolver: ShellResolver): Rewrite {
  const edits: Edit[] = [];
  const replacements: Replacement[] = [];
  const problems: Problem[] = [];
  for (const entry of file.entries) {
    if (entry.home?.value && fhsFileRelative(displayText(entry.home.value)) !== undefined) {
      problems.push({ ...locate(file.lines, entry.home.word.start), message: `home ${displayText(entry.home.value)} is under /usr, which a hermetic-/usr system does not have` });
    }
    const shell = entry.shell;
    if (!shell?.value) continue;
    const value = displayText(shell.value);
    if (value.includes('%')) continue;
    const resolution = resolver.resolveExecutable(value);
    const position = locate(file.lines, shell.word.start);
    if (resolution.kind === 'unresolved') {
      problems.push({ ...position, message: `cannot resolve shell ${value}: ${resolution.reason}; left as it is` });
      continue;
    }
    if (resolution.kind !== 'resolved') continue;
    if (!shell.word.plain || !isSafePath(resolution.path)) {
      problems.push({ ...position, message: `shell ${value} is quoted or escaped; left as it is` });
      continue;
    }
    edits.push({ start: shell.word.start, end: shell.word.end, text: Buffer.from(resolution.path, 'latin1') });
    replacements.push({ ...position, key: 'shell', from: value, to: resolution.path });
  }
  return { edits, replacements, problems };
}
