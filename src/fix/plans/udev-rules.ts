import { displayText } from '../../text/bytes.js';
import { locate } from '../../text/line-index.js';
import { isSafePath } from '../../text/safe-path.js';
import type { ResolveContext } from '../../resolve/resolver.js';
import type { Rewrite } from './rewrite.js';
import { EditPlan } from './edit-plan.js';
import type { Planner } from './planner.js';
import type { PathResolver } from './path-resolver.js';
import { SYSTEMD_UDEV_HELPERS } from '../../formats/udev/builtins.js';
import type { UdevRulesFile } from '../../formats/udev/model.js';
import { UDEV_LIBRARY_FOLDER, udevPrograms } from '../../formats/udev/programs.js';

/** udev runs every program as root: a setuid wrapper would buy nothing. */
const AS_ROOT: ResolveContext = { runsAsRoot: true };

/**
 * Points the program of each RUN, PROGRAM and IMPORT{program} at the outputs
 * and dependencies, like a unit's command. A name without a leading slash is
 * looked up by udev in its own folder, which on NixOS is systemd's, not the
 * package's: it is resolved as /lib/udev/<name> and written as the absolute
 * path it was found at. Only the program's bytes are replaced, and only when
 * they stand in the file as they are (no quotes, escapes or line breaks in
 * them); a program made by a substitution (%k, $env{…}) is reported and left.
 */
export function planUdevRewrites(file: UdevRulesFile, resolver: Pick<PathResolver, 'resolveExecutable'>): Rewrite {
  const plan = new EditPlan(file.text.length, (offset) => locate(file.lines, offset));
  for (const { token, key, argv } of udevPrograms(file)) {
    const program = argv[0];
    if (!program || program.value === '') continue;
    const name = program.value;
    const shown = displayText(name);
    const at = token.origins[program.start] ?? token.valueSpan.start;
    if (name.includes('%') || name.includes('$')) {
      plan.problem(at, `the program of ${key} (${shown}) is made by a udev substitution; left as it is`, { key, kind: 'substitution' });
      continue;
    }
    const relative = !name.startsWith('/');
    const resolution = resolver.resolveExecutable(relative ? `${UDEV_LIBRARY_FOLDER}/${name}` : name, AS_ROOT);
    if (resolution.kind === 'unchanged') continue;
    if (resolution.kind === 'unresolved') {
      if (relative && SYSTEMD_UDEV_HELPERS.has(name)) continue;
      const message = relative
        ? `${key} runs ${shown} from udev's own folder, which is systemd's, not this package's, and no output or dependency has lib/udev/${shown}; left as it is`
        : `cannot resolve ${key} program ${shown}: ${resolution.reason}; left as it is`;
      plan.problem(at, message, { key, kind: 'unresolved' });
      continue;
    }
    const refused = `the program of ${key} (${shown}) is quoted, escaped or split across lines; it is at ${resolution.path}; left as it is`;
    const span = program.plain ? contiguousSource(token.origins, token.originEnds, program.start, program.end) : undefined;
    if (!span || !isSafePath(resolution.path)) plan.problem(at, refused, { key, kind: 'not-plain' });
    else plan.replace(span, resolution.path, { from: shown, key, kind: relative ? 'library-folder' : 'fhs' });
  }
  return plan.rewrite();
}

/** The file's bytes behind value bytes [from, to) when each is itself, one after another; else undefined. */
function contiguousSource(origins: readonly number[], ends: readonly number[], from: number, to: number): { start: number; end: number } | undefined {
  for (let i = from; i < to; i++) {
    if (ends[i]! - origins[i]! !== 1) return undefined;
    if (i > from && origins[i] !== origins[i - 1]! + 1) return undefined;
  }
  return { start: origins[from]!, end: ends[to - 1]! };
}

export const planUdevRules: Planner<UdevRulesFile> = (file, { resolver }) => planUdevRewrites(file, resolver);
