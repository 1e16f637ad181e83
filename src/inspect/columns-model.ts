import { displayText } from '../text/bytes.js';
import type { Column } from '../formats/tmpfiles/model.js';
import type { SysusersFile } from '../formats/sysusers/model.js';
import type { TmpfilesFile } from '../formats/tmpfiles/model.js';

const text = (c: Column | null): string | null => (c?.value == null ? null : displayText(c.value));

type Diagnostics = { line: number; severity: string; message: string }[];

const diagnostics = (file: { diagnostics: readonly { line: number; severity: string; message: string }[] }): Diagnostics =>
  file.diagnostics.map((d) => ({ line: d.line, severity: d.severity, message: d.message }));

/** The JSON model `unitfix inspect --json` prints for a tmpfiles.d file: unquoted, unescaped values; null for '-'. */
export function inspectTmpfiles(file: TmpfilesFile) {
  return {
    format: 'tmpfiles' as const,
    lines: file.entries.map((e) => ({
      line: e.line,
      type: e.letter,
      modifiers: e.modifiers,
      path: text(e.path),
      mode: text(e.mode),
      user: text(e.user),
      group: text(e.group),
      age: text(e.age),
      argument: e.argument ? displayText(e.argument.value) : null,
    })),
    diagnostics: diagnostics(file),
  };
}

/** The JSON model for a sysusers.d file. */
export function inspectSysusers(file: SysusersFile) {
  return {
    format: 'sysusers' as const,
    lines: file.entries.map((e) => ({
      line: e.line,
      type: e.letter,
      modifiers: e.modifiers,
      name: text(e.name),
      id: text(e.id),
      gecos: text(e.gecos),
      home: text(e.home),
      shell: text(e.shell),
    })),
    diagnostics: diagnostics(file),
  };
}
