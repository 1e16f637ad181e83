import { isCommandKey } from '../formats/unit/command-keys.js';
import { parseCommandLines, type CommandLine } from '../formats/unit/command-line.js';
import type { AssignmentNode, UnitFile } from '../formats/unit/model.js';
import { TYPE_SECTION, type UnitFileKind } from '../formats/unit/unit-type.js';

/** The assignments systemd reads for a unit of this kind: [Unit], [Install] and its own section (all of them when the kind is unknown). */
export function readAssignments(unit: UnitFile, kind: UnitFileKind | undefined): readonly AssignmentNode[] {
  const own = kind ? TYPE_SECTION[kind.type] : undefined;
  const found: AssignmentNode[] = [];
  for (const section of unit.sections) {
    if (kind && section.name !== own && section.name !== 'Unit' && section.name !== 'Install') continue;
    for (const node of section.assignments) found.push(node);
  }
  return found;
}

export interface UnitCommand {
  readonly node: AssignmentNode;
  readonly command: CommandLine;
}

/** Every command of every command-line setting among these assignments, with the assignment it is in. */
export function unitCommands(assignments: readonly AssignmentNode[]): readonly UnitCommand[] {
  const found: UnitCommand[] = [];
  for (const node of assignments) {
    if (!isCommandKey(node.section, node.key) || node.rawValue === '') continue;
    for (const command of parseCommandLines(node.rawValue).commands) found.push({ node, command });
  }
  return found;
}
