import { displayText } from '../../text/bytes.js';
import { locate } from '../../text/line-index.js';
import type { Rewrite } from './rewrite.js';
import { EditPlan } from './edit-plan.js';
import type { PathResolver } from './path-resolver.js';
import type { Resolution, ResolveContext } from '../../resolve/resolver.js';
import { isCommandKey } from '../../formats/unit/command-keys.js';
import { parseCommandLines, type CommandLine } from '../../formats/unit/command-line.js';
import type { AssignmentNode, UnitFile } from '../../formats/unit/model.js';
import { TYPE_SECTION, type UnitFileKind } from '../../formats/unit/unit-type.js';
import { extractReplacedWord, wordSourceRange, type Word } from '../../text/extract-word.js';
import { ROOT_FOLDERS } from '../../fhs/roots.js';
import { commandPathSites, SHELL_SAFE_PATH, type PathSite } from '../../formats/unit/command-paths.js';


/** Options env(1) takes before the command that we can step over with certainty. */
const ENV_FLAGS = new Set(['-i', '--ignore-environment', '-']);
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** A path below an FHS root (the FHS table), at the start of a word or anywhere in a text. */
const FHS_START = new RegExp(`^/(?:${ROOT_FOLDERS})/`);
const FHS_ANYWHERE = new RegExp(`/(?:${ROOT_FOLDERS})/`);

/**
 * The unit's other pieces, in the order systemd applies them: the unit file
 * and its drop-ins (the file being planned stands at its own place, as
 * null). Given when known, so that a User= set in a drop-in counts.
 */
export type UnitChain = readonly (UnitFile | null | undefined)[];

/**
 * Plans the rewrite of every command line in a unit file: executables under
 * /usr, /bin, /sbin, /lib or bare names become the paths the resolver finds;
 * so do arguments that are whole FHS paths of files that exist in an output
 * or a dependency, and whole path words of `sh -c`/`bash -c` scripts. Only
 * the bytes of each path are replaced; what cannot be rewritten with
 * certainty is reported and left as it is. Replacements and problems about
 * arguments and scripts carry the kind 'argument' or 'shell'.
 */
export function planCommandRewrites(file: UnitFile, kind: UnitFileKind | undefined, resolver: PathResolver, chain?: UnitChain): Rewrite {
  const ownSection = kind ? TYPE_SECTION[kind.type] : undefined;
  const plan = new CommandPlan(file, resolver, privilegesOf(file, kind, ownSection, chain));
  for (const section of file.sections) {
    if (kind && section.name !== ownSection) continue;
    for (const assignment of section.assignments) {
      if (isCommandKey(section.name, assignment.key)) plan.assignment(assignment);
    }
  }
  return plan.edits.rewrite();
}

class CommandPlan {
  readonly edits: EditPlan;

  constructor(
    file: UnitFile,
    private readonly resolver: PathResolver,
    private readonly privileges: Privileges,
  ) {
    this.edits = new EditPlan(file.source.length, (offset) => locate(file.lines, offset));
  }

  /** '+' and '!' keep the manager's credentials: root, for the system manager. */
  private contextFor(command: CommandLine): ResolveContext {
    const { fullPrivileges, noSetuid } = command.prefixes;
    return { runsAsRoot: this.privileges.unitRunsAsRoot || (this.privileges.systemScope && (fullPrivileges || noSetuid)) };
  }

  assignment(node: AssignmentNode): void {
    if (node.rawValue === '') return;
    const parsed = parseCommandLines(node.rawValue);
    if (parsed.error) {
      this.problem(node, parsed.error.offset, `systemd cannot parse this command line (${parsed.error.message}); left as it is`);
      return;
    }
    for (const command of parsed.commands) this.command(node, command);
  }

  private command(node: AssignmentNode, command: CommandLine): void {
    const path = command.path;
    const at = command.first.start;
    if (command.prefixes.viaShell) {
      if ([command.first, ...command.args].some((word) => FHS_ANYWHERE.test(word.value))) {
        this.problem(node, at, "command runs through the user's shell ('|' prefix); paths in it are not rewritten");
      }
      return;
    }
    const context = this.contextFor(command);
    // The program that takes the arguments: the executable, or the one env runs (its index in args).
    let program = { name: path, index: -1 };
    if (path.includes('%')) {
      if (FHS_START.test(path)) this.problem(node, at, `executable ${displayText(path)} contains specifiers; left as it is`);
    } else {
      const resolution = this.resolver.resolveExecutable(displayText(path), context);
      const collapsed = isEnv(path) && !command.prefixes.separateArgv0 && resolution.kind !== 'unchanged' && this.collapseEnv(node, command, context);
      if (!collapsed) this.apply(node, command.first, command.pathOffset, resolution, path);
      if (isEnv(path)) program = envProgram(command) ?? program;
      if (isEnv(path) && !collapsed) this.envTarget(node, command, context);
    }
    this.arguments(node, command, context, program);
  }

  /** `/usr/bin/env prog args` becomes `/resolved/prog args`, as patch-shebangs does. */
  private collapseEnv(node: AssignmentNode, command: CommandLine, context: ResolveContext): boolean {
    const program = command.args[0];
    if (!program || !program.plain || program.value.startsWith('-') || ENV_ASSIGNMENT.test(program.value)) return false;
    if (/[$%]/.test(program.value)) return false;
    const resolution = this.resolver.resolveExecutable(program.value, context);
    if (resolution.kind !== 'resolved') {
      if (resolution.kind === 'unresolved') this.problem(node, program.start, `cannot resolve ${displayText(program.value)}: ${resolution.reason}; left as it is`);
      return resolution.kind === 'unresolved';
    }
    const first = wordSourceRange(command.first, command.pathOffset, command.first.value.length);
    if (!first || first.quote !== 0) return false;
    const from = displayText(node.rawValue.slice(first.start, program.end));
    return this.replace(node, first.start, program.end, resolution.path, from);
  }

  /** After `env VAR=x -i`, the command env runs is rewritten too. */
  private envTarget(node: AssignmentNode, command: CommandLine, context: ResolveContext): void {
    const target = envProgram(command);
    if (!target) return;
    const word = command.args[target.index]!;
    if (/[$%]/.test(word.value) || !word.value.startsWith('/')) return;
    this.apply(node, word, 0, this.resolver.resolveExecutable(displayText(word.value), context), word.value);
  }

  /** Whole FHS paths in the arguments and in a `sh -c` script: files the package or a dependency has. */
  private arguments(node: AssignmentNode, command: CommandLine, context: ResolveContext, program: { name: string; index: number }): void {
    const { sites, notes } = commandPathSites(command, program.name, program.index);
    // Reported in the order they stand in the line.
    const steps = [
      ...notes.map((note) => ({ at: valueOffset(note.word, note.at), run: () => this.problem(node, valueOffset(note.word, note.at), note.message, note.kind) })),
      ...sites.map((site) => ({ at: valueOffset(site.word, site.from), run: () => this.site(node, site, context) })),
    ];
    for (const step of steps.sort((a, b) => a.at - b.at)) step.run();
  }

  private site(node: AssignmentNode, site: PathSite, context: ResolveContext): void {
    const { word, kind } = site;
    const shown = displayText(site.path);
    const resolution = site.as === 'program' ? this.resolver.resolveExecutable(shown, context) : this.resolver.resolveFile(shown);
    if (resolution.kind === 'unchanged') return;
    const at = valueOffset(word, site.from);
    if (resolution.kind === 'unresolved') {
      this.problem(node, at, `cannot resolve ${shown}: ${resolution.reason}; left as it is`, kind);
      return;
    }
    if (kind === 'shell' && !SHELL_SAFE_PATH.test(resolution.path)) {
      this.problem(node, at, `resolved path ${resolution.path} would need quoting in the shell script; left ${shown} as it is`, kind);
      return;
    }
    const range = wordSourceRange(word, site.from, site.to);
    // The new bytes must decode, by systemd's rules, to the word with only the path changed.
    const raw = node.rawValue;
    const intended = word.value.slice(0, site.from) + resolution.path + word.value.slice(site.to);
    const decoded = range && extractReplacedWord(raw, word, range.start, range.end, resolution.path);
    if (!range || !decoded || 'error' in decoded || decoded.word.value !== intended) {
      this.problem(node, at, `${shown} mixes quoting in a way that cannot be rewritten in place; left as it is`, kind);
      return;
    }
    this.replace(node, range.start, range.end, resolution.path, shown, kind);
  }

  private apply(node: AssignmentNode, word: Word, offset: number, resolution: Resolution, original: string): void {
    if (resolution.kind === 'unchanged') return;
    if (resolution.kind === 'unresolved') {
      this.problem(node, word.start, `cannot resolve ${displayText(original)}: ${resolution.reason}; left as it is`);
      return;
    }
    const range = wordSourceRange(word, offset, word.value.length);
    if (!range) {
      this.problem(node, word.start, `${displayText(original)} mixes quoting in a way that cannot be rewritten in place; left as it is`);
      return;
    }
    this.replace(node, range.start, range.end, resolution.path, displayText(original));
  }

  private replace(node: AssignmentNode, start: number, end: number, to: string, from: string, kind?: string): boolean {
    return this.edits.replace(node.valueMap.toSource(start, end), to, {
      from,
      key: node.key,
      ...(kind ? { kind } : {}),
      at: node.valueMap.sourceOffset(start),
      unplaced: `${from} is split across continuation lines; left as it is`,
    });
  }

  private problem(node: AssignmentNode, valueOffset: number, message: string, kind?: string): void {
    this.edits.problem(node.valueMap.sourceOffset(valueOffset), message, { key: node.key, ...(kind ? { kind } : {}) });
  }
}

interface Privileges {
  /** Read by the system manager (a .../systemd/system/ folder). */
  readonly systemScope: boolean;
  /** Its commands run as root: a system unit without User= (or User=root) and without DynamicUser=. */
  readonly unitRunsAsRoot: boolean;
}

/**
 * Whether setuid wrappers matter for this file's commands. When unsure (a
 * user unit, a drop-in whose unit may set User=, a file outside the unit
 * folders) they do: dropping privileges silently is the worse mistake.
 */
function privilegesOf(file: UnitFile, kind: UnitFileKind | undefined, ownSection: string | undefined, chain: UnitChain | undefined): Privileges {
  const systemScope = kind?.scope === 'system';
  if (!systemScope || !kind) return { systemScope, unitRunsAsRoot: false };
  // A chain without the planned file as null is the same for every file of the unit: worked out
  // once. Looked up before it is searched for null, which would cost the chain again for each file.
  const known = chain && sharedPrivileges.get(chain);
  if (known) return known;
  const privileges = chainPrivileges(file, kind, ownSection, chain, systemScope);
  if (chain !== undefined && !chain.includes(null)) sharedPrivileges.set(chain, privileges);
  return privileges;
}

/** Privileges of the chains given by the fixer, one per unit and run; gone with the chains. */
const sharedPrivileges = new WeakMap<UnitChain, Privileges>();

function chainPrivileges(file: UnitFile, kind: UnitFileKind, ownSection: string | undefined, chain: UnitChain | undefined, systemScope: boolean): Privileges {
  // Without the chain, a drop-in cannot know its unit's User=; with it, the unit file itself must be in it.
  const pieces = chain ?? [null];
  const unitKnown = chain ? chain[0] !== undefined : kind.role === 'unit';
  // The last User= and DynamicUser= of the unit type's section, in the order the pieces apply.
  let dynamicUser: string | undefined;
  let user: string | undefined;
  for (const piece of pieces) {
    if (piece === undefined) continue;
    for (const section of (piece ?? file).sections) {
      if (section.name !== ownSection) continue;
      for (const assignment of section.assignments) {
        if (assignment.key === 'User') user = assignment.value;
        else if (assignment.key === 'DynamicUser') dynamicUser = assignment.value;
      }
    }
  }
  if (dynamicUser !== undefined && /^(1|yes|y|true|t|on)$/i.test(dynamicUser)) return { systemScope, unitRunsAsRoot: false };
  if (user === undefined || user === '') return { systemScope, unitRunsAsRoot: unitKnown };
  return { systemScope, unitRunsAsRoot: user === 'root' || user === '0' };
}

/** The command env runs, after its flags and assignments: its name and index in args. */
function envProgram(command: CommandLine): { name: string; index: number } | undefined {
  for (let index = 0; index < command.args.length; index++) {
    const arg = command.args[index]!;
    if (ENV_FLAGS.has(arg.value) || ENV_ASSIGNMENT.test(arg.value)) continue;
    return arg.value.startsWith('-') ? undefined : { name: arg.value, index };
  }
  return undefined;
}

/** Where byte `at` of a word's value stands in the text the word was taken from. */
function valueOffset(word: Word, at: number): number {
  if (word.plain || at >= word.value.length) return word.start + Math.min(at, word.end - word.start);
  return word.origins[at]!;
}

function isEnv(path: string): boolean {
  return path === 'env' || path.endsWith('/env');
}
