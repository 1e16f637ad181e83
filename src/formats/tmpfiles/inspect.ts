import { displayText } from '../../text/bytes.js';
import { columnText, diagnosticLines } from '../column-file.js';
import type { TmpfilesFile } from './model.js';

/** The JSON model `unitfix inspect --json` prints for a tmpfiles.d file: unquoted, unescaped values; null for '-'. */
export function inspectTmpfiles(file: TmpfilesFile) {
  return {
    format: 'tmpfiles' as const,
    lines: file.entries.map((e) => ({
      line: e.line,
      type: e.letter,
      modifiers: e.modifiers,
      path: columnText(e.path),
      mode: columnText(e.mode),
      user: columnText(e.user),
      group: columnText(e.group),
      age: columnText(e.age),
      argument: e.argument ? displayText(e.argument.value) : null,
    })),
    diagnostics: diagnosticLines(file),
  };
}
