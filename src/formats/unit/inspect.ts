import { displayText } from '../../text/bytes.js';
import { isCommandKey } from './command-keys.js';
import { parseCommandLines } from './command-line.js';
import type { AssignmentNode, UnitFile } from './model.js';

export interface InspectedCommand {
  readonly prefixes: string;
  readonly path: string;
  readonly argv: readonly string[];
}

export interface InspectedEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
  readonly commands?: readonly InspectedCommand[];
  readonly error?: string;
}

export interface InspectedUnit {
  readonly format: 'unit';
  readonly sections: readonly { readonly name: string; readonly line: number; readonly entries: readonly InspectedEntry[] }[];
  readonly diagnostics: readonly { readonly line: number; readonly severity: string; readonly code: string; readonly message: string }[];
}

function entry(node: AssignmentNode): InspectedEntry {
  const base = { key: node.key, value: node.value, line: node.line };
  if (!isCommandKey(node.section, node.key)) return base;
  const parsed = parseCommandLines(node.rawValue);
  const commands = parsed.commands.map((c) => ({
    prefixes: displayText(c.prefixText),
    path: displayText(c.path),
    argv: [c.argv0 ? c.argv0.value : c.path, ...c.args.map((a) => a.value)].map(displayText),
  }));
  return parsed.error ? { ...base, commands, error: parsed.error.message } : { ...base, commands };
}

/** The JSON model `unitfix inspect --json` prints for a unit file. */
export function inspectUnit(file: UnitFile): InspectedUnit {
  return {
    format: 'unit',
    sections: file.sections.map((s) => ({ name: s.name, line: s.header.line, entries: s.assignments.map(entry) })),
    diagnostics: file.diagnostics.map((d) => ({ line: d.line, severity: d.severity, code: d.code, message: d.message })),
  };
}
