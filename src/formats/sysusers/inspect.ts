import { columnText, diagnosticLines } from '../column-file.js';
import type { SysusersFile } from './model.js';

/** The JSON model `unitfix inspect --json` prints for a sysusers.d file: unquoted, unescaped values; null for '-'. */
export function inspectSysusers(file: SysusersFile) {
  return {
    format: 'sysusers' as const,
    lines: file.entries.map((e) => ({
      line: e.line,
      type: e.letter,
      modifiers: e.modifiers,
      name: columnText(e.name),
      id: columnText(e.id),
      gecos: columnText(e.gecos),
      home: columnText(e.home),
      shell: columnText(e.shell),
    })),
    diagnostics: diagnosticLines(file),
  };
}
