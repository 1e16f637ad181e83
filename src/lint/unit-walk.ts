import { isCommandKey } from '../formats/unit/command-keys.js';
import { parseCommandLines, type CommandLine } from '../formats/unit/command-line.js';
import type { AssignmentNode, UnitFile } from '../formats/unit/model.js';
import { TYPE_SECTION, classifyUnitPath } from '../formats/unit/unit-type.js';

/** The assignments systemd reads for this unit's type: [Unit], [Install] and its own section. */
export function* readAssignments(unit: UnitFile, file: string): Generator<AssignmentNode> {
  const kind = classifyUnitPath(file.replace(/\.in$/, ''));
  const own = kind ? TYPE_SECTION[kind.type] : undefined;
  for (const section of unit.sections) {
    if (kind && section.name !== own && section.name !== 'Unit' && section.name !== 'Install') continue;
    yield* section.assignments;
  }
}

/** Every command of every command-line setting systemd would run, with the assignment it is in. */
export function* unitCommands(unit: UnitFile, file: string): Generator<{ node: AssignmentNode; command: CommandLine }> {
  for (const node of readAssignments(unit, file)) {
    if (!isCommandKey(node.section, node.key) || node.rawValue === '') continue;
    const parsed = parseCommandLines(node.rawValue);
    for (const command of parsed.commands) yield { node, command };
  }
}
