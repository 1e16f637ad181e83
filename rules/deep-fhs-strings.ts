import { elfSections, sectionAt } from '../src/lint/elf-sections.js';
import { defineRule, docsPage } from '../src/lint/rule.js';
import { bufferBytes, matchesIn } from '../src/lint/program-bytes.js';

/**
 * Paths a program would read outside its own store path: data, libraries,
 * helpers and config. A path is at most 4,096 bytes (PATH_MAX, what open()
 * takes), which lets a program be scanned a chunk at a time.
 */
export const EMBEDDED = /\/(?:usr\/(?:share|lib|libexec)|etc)\/[A-Za-z0-9._+@-][A-Za-z0-9._+@/-]{0,4080}/g;
export const LONGEST_PATH = 4096;
const SHOWN = 8;
/**
 * Distinct paths are remembered to count them, up to about this many bytes
 * of memory (each costs its length and some 64 bytes of a set's entry);
 * past it, the count is a lower bound.
 */
const REMEMBERED_BYTES = 1 << 20;
const ENTRY_BYTES = 64;
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
    const bytes = file.program ?? bufferBytes(file.source);
    // The first few distinct paths at their first place, and how many distinct paths there are.
    const shown: { path: string; at: number }[] = [];
    const seen = new Set<string>();
    let seenBytes = 0;
    let forgotten = false;
    for (const { text, at } of matchesIn(bytes, EMBEDDED, LONGEST_PATH)) {
      if (text.startsWith(DWZ_LINK) || seen.has(text)) continue;
      if (seenBytes >= REMEMBERED_BYTES) {
        forgotten = true;
        continue;
      }
      seen.add(text);
      seenBytes += text.length + ENTRY_BYTES;
      if (shown.length < SHOWN) shown.push({ path: text, at });
    }
    if (shown.length === 0) return;
    // The ELF sections are read only for a file that has a match.
    const sections = elfSections(bytes);
    const listed = shown.map(({ path, at }) => {
      const section = sections ? sectionAt(bytes, sections, at) : undefined;
      return section ? `${path} (${section})` : path;
    });
    const more = seen.size - shown.length;
    const tail = forgotten ? ` and more than ${more} more` : more > 0 ? ` and ${more} more` : '';
    context.report({ whole: true, messageId: 'embeds', data: { what: sections ? 'ELF file' : 'script', listed: listed.join(', '), more: tail } });
  },
});
