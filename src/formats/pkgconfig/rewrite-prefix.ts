import fs from 'node:fs';
import path from 'node:path';
import { displayText } from '../../text/bytes.js';
import { isSafePath } from '../../text/safe-path.js';
import type { Edit } from '../../text/edit.js';
import type { Problem, Replacement, Rewrite } from '../rewrite.js';
import type { PcEvaluation } from './evaluate.js';
import type { PcNode } from './model.js';

export interface PcRewriteContext {
  /** The package's outputs. */
  readonly outputs: readonly string[];
  /** The output the .pc file is in: the choice when nothing else tells. */
  readonly ownOutput: string | undefined;
}

/** Fields whose words are compiler and linker flags. */
const FLAG_FIELDS = new Set(['libs', 'libs.private', 'cflags', 'cflags.private']);

/** `/usr/X` → `X`, `/etc/X` → `etc/X`: where the path would be in an output. */
function outputRelative(value: string): string | undefined {
  if (value === '/usr' || value === '/usr/local') return '';
  if (value.startsWith('/usr/local/')) return value.slice('/usr/local/'.length);
  if (value.startsWith('/usr/')) return value.slice('/usr/'.length);
  if (value === '/etc' || value.startsWith('/etc/')) return value.slice(1);
  return undefined;
}

/** The FHS prefix a root variable's literal value starts with, and the rest of the value. */
function literalRoot(raw: string): { fhs: string; rest: string } | undefined {
  const match = /^(\/usr\/local|\/usr|\/etc)(?=\/|$)/.exec(raw);
  if (!match) return undefined;
  return { fhs: match[1]!, rest: raw.slice(match[1]!.length) };
}

/**
 * Plans the rewrite of a .pc file whose variables still say /usr or /etc:
 * only root variables — those whose value is a literal /usr… or /etc… path,
 * like `prefix=/usr` — change, so `libdir=${prefix}/lib` follows by itself
 * and the file keeps its structure. A root goes to the output where most of
 * the paths derived from it exist; a derived variable whose path exists only
 * in another output (includedir in $dev when prefix goes to $out) has its
 * leading ${var} replaced by that output's path. Flags that spell out a
 * /usr path (-L/usr/lib/…) point at the output that has it.
 */
export function planPcRewrites(evaluation: PcEvaluation, context: PcRewriteContext): Rewrite {
  const edits: Edit[] = [];
  const replacements: Replacement[] = [];
  const problems: Problem[] = [];
  const exists = (output: string, relative: string) => fs.existsSync(path.join(output, relative));
  const chosen = new Map<string, string>();

  for (const [name, node] of evaluation.definitions) {
    const root = literalRoot(node.rawValue);
    if (!root) continue;
    const oldValue = evaluation.variables.get(name)!;
    const derived = [...evaluation.variables.entries()].filter(([other, value]) => other !== name && (value === oldValue || value.startsWith(`${oldValue}/`)));
    const paths = [oldValue, ...derived.map(([, v]) => v)].map(outputRelative).filter((r): r is string => r !== undefined);
    const output = bestOutput(paths);
    if (!output) {
      problems.push({ ...position(node), message: `${name}=${displayText(node.rawValue)} names ${root.fhs}, and no output is known to point it at` });
      continue;
    }
    chosen.set(name, output);
    const newValue = path.join(output, outputRelative(root.fhs + root.rest) ?? '');
    replaceValue(node, 0, root.fhs.length + root.rest.length, newValue, `${name}=${displayText(node.rawValue)}`);

    // Derived variables whose path lives in another output only (multi-output packages).
    for (const [child, value] of derived) {
      const relative = outputRelative(value);
      if (relative === undefined || exists(output, relative)) continue;
      const elsewhere = context.outputs.find((o) => o !== output && exists(o, relative));
      const childNode = evaluation.definitions.get(child);
      const lead = childNode ? /^\$\{([A-Za-z0-9_.]+)\}/.exec(childNode.rawValue) : null;
      if (!elsewhere || !childNode || !lead) continue;
      const parentValue = evaluation.variables.get(lead[1]!);
      const parentRelative = parentValue === undefined ? undefined : outputRelative(parentValue);
      if (parentRelative === undefined) continue;
      replaceValue(childNode, 0, lead[0].length, path.join(elsewhere, parentRelative), `${child}=${displayText(childNode.rawValue)}`);
    }
  }
  // Flags that spell out a /usr path instead of using a variable (-L/usr/lib/x86_64-linux-gnu).
  const rootOutput = chosen.get('prefix') ?? context.ownOutput ?? context.outputs[0];
  for (const node of evaluation.fieldNodes) {
    if (!FLAG_FIELDS.has(node.key.toLowerCase())) continue;
    for (const match of node.rawValue.matchAll(/(^|\s)(-[IL])?(\/usr\/local|\/usr|\/etc)(?=\/|\s|$)(\S*)/g)) {
      const fhs = match[3]!;
      const fhsStart = match.index + match[1]!.length + (match[2]?.length ?? 0);
      const relative = outputRelative(fhs + match[4]!);
      if (relative === undefined) continue;
      const output = context.outputs.find((o) => exists(o, relative)) ?? rootOutput;
      if (!output) continue;
      const to = fhs === '/etc' ? path.join(output, 'etc') : output;
      replaceValue(node, fhsStart, fhsStart + fhs.length, to, `${node.key}: ${fhs}${match[4]}`);
    }
  }
  return { edits, replacements, problems };

  function bestOutput(relatives: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestScore = -1;
    const ordered = context.ownOutput ? [context.ownOutput, ...context.outputs.filter((o) => o !== context.ownOutput)] : context.outputs;
    for (const output of ordered) {
      const score = relatives.filter((r) => exists(output, r)).length;
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
    if (!contiguous || !isSafePath(text)) {
      problems.push({ ...position(node), message: `${shown} cannot be rewritten in place (continued, escaped or commented); left as it is` });
      return;
    }
    edits.push({ start, end: last + 1, text: Buffer.from(text, 'latin1') });
    replacements.push({ ...position(node), key: node.key, from: displayText(node.rawValue.slice(from, to)), to: text });
  }
}
