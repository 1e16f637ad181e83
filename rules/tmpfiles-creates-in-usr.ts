import { displayText } from '../src/text/bytes.js';
import { fhsFileRelative } from '../src/resolve/fhs-path.js';
import { locate } from '../src/text/line-index.js';
import type { Rule } from '../src/lint/types.js';
import { CREATING_TYPES } from '../src/formats/tmpfiles/line-types.js';

export const tmpfilesCreatesInUsr: Rule = {
  id: 'tmpfiles-creates-in-usr',
  description: 'A tmpfiles.d line creates or writes a path under /usr',
  severity: 'error',
  fixable: false,
  appliesTo: ['tmpfiles'],
  checkFile(file, context) {
    for (const entry of file.tmpfiles!.entries) {
      const target = displayText(entry.path.value ?? '');
      if (!CREATING_TYPES.has(entry.letter) || fhsFileRelative(target) === undefined) continue;
      context.report({ ...locate(file.tmpfiles!.lines, entry.path.word.start), message: `'${entry.letter}' creates ${target}: there is no /usr to create it in on a hermetic-/usr system` });
    }
  },
};
