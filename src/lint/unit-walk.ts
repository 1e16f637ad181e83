import { isCommandKey } from '../formats/unit/command-keys.js';
import { parseCommandLines, type CommandLine } from '../formats/unit/command-line.js';
import type { AssignmentNode, UnitFile } from '../formats/unit/model.js';
import { TYPE_SECTION, classifyUnitPath } from '../formats/unit/unit-type.js';

// Rules run one file after another and several walk its assignments and commands: keep the
// last unit's. (One entry, not a WeakMap: that would keep every unit alive past young collections.)
let lastReadUnit: UnitFile | undefined;
let lastReadFile: string | undefined;
let lastRead: readonly AssignmentNode[] = [];

/** The assignments systemd reads for this unit's type: [Unit], [Install] and its own section. */
export function readAssignments(unit: UnitFile, file: string): readonly AssignmentNode[] {
  if (unit === lastReadUnit && file === lastReadFile) return lastRead;
  const kind = classifyUnitPath(file.endsWith('.in') ? file.slice(0, -3) : file);
  const own = kind ? TYPE_SECTION[kind.type] : undefined;
  const found: AssignmentNode[] = [];
  for (const section of unit.sections) {
    if (kind && section.name !== own && section.name !== 'Unit' && section.name !== 'Install') continue;
    for (const node of section.assignments) found.push(node);
  }
  lastReadUnit = unit;
  lastReadFile = file;
  lastRead = found;
  return found;
}

export interface UnitCommand {
  readonly node: AssignmentNode;
  readonly command: CommandLine;
}

let lastUnit: UnitFile | undefined;
let lastCommands: readonly UnitCommand[] = [];

/** Every command of every command-line setting systemd would run, with the assignment it is in. */
export function unitCommands(unit: UnitFile, file: string): readonly UnitCommand[] {
  if (unit !== lastUnit) {
    const found: UnitCommand[] = [];
    for (const node of readAssignments(unit, file)) {
      if (!isCommandKey(node.section, node.key) || node.rawValue === '') continue;
      for (const command of parseCommandLines(node.rawValue).commands) found.push({ node, command });
    }
    lastUnit = unit;
    lastCommands = found;
  }
  return lastCommands;
}
