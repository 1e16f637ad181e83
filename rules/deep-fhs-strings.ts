import { elfSections, sectionAt } from '../src/lint/elf-sections.js';
import { defineRule, docsPage } from '../src/lint/rule.js';

/** Paths a program would read outside its own store path: data, libraries, helpers and config. */
const EMBEDDED = /\/(?:usr\/(?:share|lib|libexec)|etc)\/[A-Za-z0-9._+@-][A-Za-z0-9._+@/-]*/g;
const SHOWN = 8;
/**
 * Where dwz puts the debug info several programs share; .gnu_debugaltlink
 * names it for debuggers, which look it up by build ID. Nothing runs or
 * reads it at run time: a program with only this embedded is fine.
 */
const DWZ_LINK = '/usr/lib/debug/.dwz/';

export const deepFhsStrings = defineRule({
  meta: {
    id: 'deep-fhs-strings',
    description: '(--deep) Programs and scripts that embed /usr/share, /usr/lib, /usr/libexec or /etc paths',
    formats: ['program'],
    severity: 'warning',
    docs: docsPage('deep-fhs-strings'),
    messages: { embeds: '{{what}} embeds paths outside its store path: {{listed}}{{more}}' },
    fixable: false,
    deep: true,
  },
  create(context) {
    const { file } = context;
    // Each distinct path at its first place; the ELF sections are read only for a file that has any.
    const firstAt = new Map<string, number>();
    for (const match of file.text.matchAll(EMBEDDED)) if (!firstAt.has(match[0]) && !match[0].startsWith(DWZ_LINK)) firstAt.set(match[0], match.index);
    if (firstAt.size === 0) return;
    const sections = elfSections(file.source);
    const found = new Map([...firstAt].map(([p, at]) => [p, sections ? sectionAt(sections, at) : undefined]));
    const listed = [...found].slice(0, SHOWN).map(([p, section]) => (section ? `${p} (${section})` : p));
    const more = found.size > SHOWN ? ` and ${found.size - SHOWN} more` : '';
    context.report({ whole: true, messageId: 'embeds', data: { what: sections ? 'ELF file' : 'script', listed: listed.join(', '), more } });
  },
});
