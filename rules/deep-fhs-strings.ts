import { elfSections, sectionAt } from '../src/lint/elf-sections.js';
import type { Rule } from '../src/lint/types.js';

/** Paths a program would read outside its own store path: data, libraries, helpers and config. */
const EMBEDDED = /\/(?:usr\/(?:share|lib|libexec)|etc)\/[A-Za-z0-9._+@-][A-Za-z0-9._+@/-]*/g;
const SHOWN = 8;

export const deepFhsStrings: Rule = {
  id: 'deep-fhs-strings',
  description: '(--deep) Programs and scripts that embed /usr/share, /usr/lib, /usr/libexec or /etc paths',
  severity: 'warning',
  fixable: false,
  deep: true,
  appliesTo: ['program'],
  checkFile(file, context) {
    const sections = elfSections(file.source);
    const found = new Map<string, string | undefined>();
    for (const match of file.text.matchAll(EMBEDDED)) {
      if (!found.has(match[0])) found.set(match[0], sections ? sectionAt(sections, match.index) : undefined);
    }
    if (found.size === 0) return;
    const listed = [...found].slice(0, SHOWN).map(([p, section]) => (section ? `${p} (${section})` : p));
    const more = found.size > SHOWN ? ` and ${found.size - SHOWN} more` : '';
    context.report({ line: 1, column: 1, message: `${sections ? 'ELF file' : 'script'} embeds paths outside its store path: ${listed.join(', ')}${more}` });
  },
};
