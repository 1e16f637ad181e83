import { displayText } from '../../text/bytes.js';
import { locate } from '../../text/line-index.js';
import type { Rewrite } from './rewrite.js';
import { EditPlan } from './edit-plan.js';
import type { Planner } from './planner.js';
import type { PathResolver } from './path-resolver.js';
import { fhsFileRelative } from '../../resolve/fhs-path.js';
import type { SysusersFile } from '../../formats/sysusers/model.js';

/**
 * Login shells under /usr, /bin or /sbin (/usr/sbin/nologin, /bin/bash)
 * resolve like commands; homes under /usr are reported, since nothing can
 * live there on a hermetic-/usr system.
 */
export function planSysusersRewrites(file: SysusersFile, resolver: Pick<PathResolver, 'resolveExecutable'>): Rewrite {
  const plan = new EditPlan(file.source.length, (offset) => locate(file.lines, offset));
  for (const entry of file.entries) {
    if (entry.home?.value && fhsFileRelative(displayText(entry.home.value)) !== undefined) {
      plan.problem(entry.home.word.start, `home ${displayText(entry.home.value)} is under /usr, which a hermetic-/usr system does not have`);
    }
    const shell = entry.shell;
    if (!shell?.value) continue;
    const value = displayText(shell.value);
    if (value.includes('%')) continue;
    const resolution = resolver.resolveExecutable(value);
    if (resolution.kind === 'unresolved') {
      plan.problem(shell.word.start, `cannot resolve shell ${value}: ${resolution.reason}; left as it is`);
      continue;
    }
    if (resolution.kind !== 'resolved') continue;
    const refused = `shell ${value} is quoted or escaped; left as it is`;
    if (!shell.word.plain) plan.problem(shell.word.start, refused);
    else plan.replace({ start: shell.word.start, end: shell.word.end }, resolution.path, { from: value, key: 'shell', unsafe: refused });
  }
  return plan.rewrite();
}

export const planSysusers: Planner<SysusersFile> = (file, { resolver }) => planSysusersRewrites(file, resolver);
