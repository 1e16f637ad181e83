import fs from 'node:fs';
import path from 'node:path';
import { displayText } from '../../text/bytes.js';
import type { Rewrite } from './rewrite.js';
import { EditPlan } from './edit-plan.js';
import type { Planner } from './planner.js';
import { evaluatePcIn, type PcEvaluation } from '../../formats/pkgconfig/evaluate.js';
import type { PcFile, PcNode } from '../../formats/pkgconfig/model.js';
import type { PcLine } from '../../formats/pkgconfig/lines.js';
import { fhsLocation, rootAlternation } from '../../fhs/roots.js';

export interface PcRewriteContext {
  /** The package's outputs. */
  readonly outputs: readonly string[];
  /** The output the .pc file is in: the choice when nothing else tells. */
  readonly ownOutput: string | undefined;
  /** Whether a path exists (default: ask the file system each time); a run passes its cached answers. */
  readonly exists?: (file: string) => boolean;
}

/** Fields whose words are compiler and linker flags. */
const FLAG_FIELDS = new Set(['libs', 'libs.private', 'cflags', 'cflags.private']);

/**
 * Where a path would be in an output, by the FHS table with /etc: `/usr/X`
 * and `/usr/local/X` → `X`, `/etc/X` → `etc/X`, and `/lib/X`, `/lib64/X` →
 * the same below the output (Debian's root-prefix libraries:
 * `libdir=/lib/x86_64-linux-gnu` in pam.pc, `udev_dir=/lib/udev`).
 */
function outputRelative(value: string): string | undefined {
  return fhsLocation(value, { etc: true })?.relative;
}

/** The FHS roots a value can start with (the table's, and /etc), longest first. */
const FHS_ROOT = new RegExp(`^(${rootAlternation({ etc: true })})(?=\\/|$)`);
const FHS_WORD = new RegExp(`(^|\\s)(-[IL])?(${rootAlternation({ etc: true })})(?=\\/|\\s|$)(\\S*)`, 'g');

/** The FHS prefix a root variable's literal value starts with, and the rest of the value. */
function literalRoot(raw: string): { fhs: string; rest: string } | undefined {
  const match = FHS_ROOT.exec(raw);
  if (!match) return undefined;
  return { fhs: match[1]!, rest: raw.slice(match[1]!.length) };
}

/** The number of the line that holds a source offset. */
function lineAt(lines: readonly PcLine[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return lines[low]?.number ?? 1;
}

/**
 * Multiarch and lib64 library folders (`lib/x86_64-linux-gnu`, `lib64`) as
 * Nix outputs usually have them: plain `lib`, with the rest kept.
 */
function withoutMultiarch(relative: string): string | undefined {
  const match = /^(?:lib\/[a-z0-9_]+-(?:[a-z0-9_]+-)?(?:linux|gnu|kfreebsd|hurd)[a-z0-9_]*(?:-[a-z0-9_]+)*|lib64)(?=\/|$)/.exec(relative);
  return match ? `lib${relative.slice(match[0].length)}` : undefined;
}

/**
 * Plans the rewrite of a .pc file whose variables still say /usr, /lib or
 * /etc: only root variables — those whose value is a literal /usr…, /lib…
 * or /etc… path, like `prefix=/usr` — change, so `libdir=${prefix}/lib`
 * follows by itself and the file keeps its structure. A root goes to the
 * output where most of the paths derived from it exist; a multiarch or lib64
 * library folder the output does not have but whose plain lib/ it has goes
 * there. An empty root (`root_prefix=` in Debian's systemd.pc, which makes
 * `${root_prefix}/lib/systemd` say /lib/systemd) gets the output's path. A
 * derived variable whose path exists only in another output (includedir in
 * $dev when prefix goes to $out) has its leading ${var} replaced by that
 * output's path. Flags that spell out such a path (-L/usr/lib/…) point at
 * the output that has it.
 */
export function planPcRewrites(evaluation: PcEvaluation, context: PcRewriteContext): Rewrite {
  // Findings name the line only (column 1): a .pc value's bytes may be spread over continued lines.
  const file = evaluation.file;
  const plan = new EditPlan(file.source.length, (offset) => ({ line: lineAt(file.lines, offset), column: 1 }));
  const existsAt = context.exists ?? fs.existsSync;
  const exists = (output: string, relative: string) => existsAt(path.join(output, relative));
  /** The relative path as the output has it: as written, or without its multiarch part. */
  const placed = (output: string, relative: string): string | undefined => {
    if (exists(output, relative)) return relative;
    const plain = withoutMultiarch(relative);
    return plain !== undefined && exists(output, plain) ? plain : undefined;
  };
  const chosen = new Map<string, string>();

  for (const [name, node] of evaluation.definitions) {
    const root = literalRoot(node.rawValue);
    // /usr/../opt starts like a root but names /opt: no FHS path, nothing to point at an output.
    const relative = root && outputRelative(root.fhs + root.rest);
    if (!root || relative === undefined) continue;
    const oldValue = evaluation.variables.get(name)!;
    const derived = [...evaluation.variables.entries()].filter(([other, value]) => other !== name && (value === oldValue || value.startsWith(`${oldValue}/`)));
    const paths = [oldValue, ...derived.map(([, v]) => v)].map(outputRelative).filter((r): r is string => r !== undefined);
    const output = bestOutput(paths);
    if (!output) {
      plan.problem(position(node), `${name}=${displayText(node.rawValue)} names ${root.fhs}, and no output is known to point it at`);
      continue;
    }
    chosen.set(name, output);
    const newValue = path.join(output, placed(output, relative) ?? relative);
    replaceValue(node, 0, root.fhs.length + root.rest.length, newValue, `${name}=${displayText(node.rawValue)}`);

    // Derived variables whose path lives in another output only (multi-output packages).
    for (const [child, value] of derived) {
      const relative = outputRelative(value);
      if (relative === undefined) continue;
      // Other outputs first: with one output (lint, a single-output package) nothing is asked.
      const elsewhere = context.outputs.find((o) => o !== output && exists(o, relative));
      if (!elsewhere || exists(output, relative)) continue;
      const childNode = evaluation.definitions.get(child);
      const lead = childNode ? /^\$\{([A-Za-z0-9_.]+)\}/.exec(childNode.rawValue) : null;
      if (!childNode || !lead) continue;
      const parentValue = evaluation.variables.get(lead[1]!);
      const parentRelative = parentValue === undefined ? undefined : outputRelative(parentValue);
      if (parentRelative === undefined) continue;
      replaceValue(childNode, 0, lead[0].length, path.join(elsewhere, parentRelative), `${child}=${displayText(childNode.rawValue)}`);
    }
  }
  planEmptyRoots();
  // Flags that spell out an FHS path instead of using a variable (-L/usr/lib/x86_64-linux-gnu).
  const rootOutput = chosen.get('prefix') ?? context.ownOutput ?? context.outputs[0];
  for (const node of evaluation.fieldNodes) {
    if (!FLAG_FIELDS.has(node.key.toLowerCase())) continue;
    for (const match of node.rawValue.matchAll(FHS_WORD)) {
      const fhs = match[3]!;
      const written = fhs + match[4]!;
      const fhsStart = match.index + match[1]!.length + (match[2]?.length ?? 0);
      const relative = outputRelative(written);
      if (relative === undefined) continue;
      const found = context.outputs.map((o) => [o, placed(o, relative)] as const).find(([, r]) => r !== undefined);
      const output = found?.[0] ?? rootOutput;
      if (!output) continue;
      if (found && found[1] !== relative) {
        // -L/usr/lib/x86_64-linux-gnu where the output has lib/: the multiarch part goes too.
        const tail = found[1]!.slice('lib'.length);
        replaceValue(node, fhsStart, fhsStart + written.length - tail.length, path.join(output, 'lib'), `${node.key}: ${written}`);
        continue;
      }
      const to = path.join(output, outputRelative(fhs)!);
      replaceValue(node, fhsStart, fhsStart + fhs.length, to, `${node.key}: ${written}`);
    }
  }
  return plan.rewrite();

  /**
   * Variables defined empty on purpose, like systemd.pc's `root_prefix=`
   * (with `rootprefix=${root_prefix}` standing for it), whose later users
   * `${root_prefix}/lib/systemd` then name FHS paths: the empty value is
   * the root, and it becomes the output's path.
   */
  function planEmptyRoots(): void {
    const reference = (raw: string) => /^\$\{([A-Za-z0-9_.]+)\}/.exec(raw);
    for (const [name, node] of evaluation.definitions) {
      if (node.rawValue !== '' || evaluation.variables.get(name) !== '') continue;
      const standsFor = new Set([name]);
      const uses: [string, string][] = [];
      for (const [other, otherNode] of evaluation.definitions) {
        const lead = reference(otherNode.rawValue);
        if (!lead || !standsFor.has(lead[1]!) || otherNode.line.number <= node.line.number) continue;
        if (otherNode.rawValue === lead[0]) standsFor.add(other);
        else {
          const value = evaluation.variables.get(other)!;
          if (otherNode.rawValue[lead[0].length] === '/' && outputRelative(value) !== undefined) uses.push([other, value]);
        }
      }
      if (uses.length === 0) continue;
      const output = bestOutput(uses.map(([, v]) => outputRelative(v)!));
      if (!output) {
        plan.problem(position(node), `${name} is empty, so ${uses[0]![0]}=${displayText(uses[0]![1])} names an FHS path, and no output is known to point it at`);
        continue;
      }
      const at = node.line.origins[node.valueStart - 1];
      const refused = `${name}= cannot be given a value in place; left as it is`;
      const [, example] = uses[0]!;
      const span = at === undefined || at < 0 ? undefined : { start: at + 1, end: at + 1 };
      plan.replace(span, output, { from: displayText(example), key: name, kind: 'empty-root', at: position(node), shown: path.join(output, outputRelative(example)!), unsafe: refused, unplaced: refused });
    }
  }

  function bestOutput(relatives: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestScore = -1;
    const ordered = context.ownOutput ? [context.ownOutput, ...context.outputs.filter((o) => o !== context.ownOutput)] : context.outputs;
    // One candidate wins whatever its score: no need to ask where the paths are.
    if (ordered.length <= 1) return ordered[0];
    for (const output of ordered) {
      const score = relatives.filter((r) => placed(output, r) !== undefined).length;
      if (score > bestScore) {
        best = output;
        bestScore = score;
      }
    }
    return best;
  }

  function position(node: PcNode) {
    return { line: node.line.number, column: 1 };
  }

  function replaceValue(node: PcNode, from: number, to: number, text: string, shown: string): void {
    const origins = node.line.origins;
    const start = origins[node.valueStart + from];
    const last = origins[node.valueStart + to - 1];
    const contiguous = start !== undefined && last !== undefined && start >= 0 && last - start === to - from - 1;
    const refused = `${shown} cannot be rewritten in place (continued, escaped or commented); left as it is`;
    plan.replace(contiguous ? { start, end: last + 1 } : undefined, text, { from: displayText(node.rawValue.slice(from, to)), key: node.key, at: position(node), unsafe: refused, unplaced: refused });
  }
}

/** A .pc file evaluated where it lies; its root variables go to the output it is in when nothing else tells. */
export const planPkgconfig: Planner<PcFile> = (file, context) => {
  const evaluation = evaluatePcIn(file, path.dirname(context.file));
  const { outputs } = context.resolver;
  const exists = context.resolver.exists?.bind(context.resolver);
  return planPcRewrites(evaluation, { outputs, ownOutput: outputs.find((o) => context.file.startsWith(`${o}/`)), ...(exists ? { exists } : {}) });
};
