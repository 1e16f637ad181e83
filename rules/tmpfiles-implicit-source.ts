import path from 'node:path';
import { displayText } from '../src/text/bytes.js';
import { locate } from '../src/text/line-index.js';
import type { Rule } from '../src/lint/types.js';

export const tmpfilesImplicitSource: Rule = {
  id: 'tmpfiles-implicit-source',
  description: "A 'C' or 'L' line without an argument, which copies or links from /usr/share/factory",
  severity: 'warning',
  fixable: true,
  appliesTo: ['tmpfiles'],
  checkFile(file, context) {
    for (const entry of file.tmpfiles!.entries) {
      if ((entry.letter !== 'C' && entry.letter !== 'L') || entry.argument || entry.modifiers.includes('^')) continue;
      const source = path.posix.join('/usr/share/factory', displayText(entry.path.value ?? ''));
      const fixable = context.resolver.resolveFile(source).kind === 'resolved';
      context.report({
        ...locate(file.tmpfiles!.lines, entry.action.word.start),
        message: `'${entry.letter}' without an argument ${entry.letter === 'C' ? 'copies' : 'links'} from ${source}${fixable ? '' : ', which no output or dependency ships'}`,
        fixable,
      });
    }
  },
};
