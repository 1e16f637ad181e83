import { placePattern } from './classify.js';
import { FIXABLE_FORMATS, FORMATS, formatFolders } from './registry.js';

/**
 * The registry's folders and file patterns as the files outside TypeScript
 * hold them: the setup hook's folder check (bash, so that an output without
 * such files costs no Node start) and the pre-commit hooks' `files:`
 * patterns. `npm run generate` writes them; a test fails when they differ.
 */

/** One line of folders per format the hook's `unitfix fix` rewrites, as bash words: a folder with a '*' quoted, for the hook's loop to expand. */
export function hookFolderLines(): string[] {
  return FIXABLE_FORMATS.map((f) => formatFolders(f).map((folder) => (folder.includes('*') ? `'${folder}'` : folder)).join(' '));
}

/**
 * A regular expression (Python's, as pre-commit reads it) for the paths
 * formatNamed gives a format: by place or by name, and with `templates` their
 * configure templates (*.in) too.
 */
export function preCommitPattern(templates: boolean): string {
  const alternatives = FORMATS.flatMap((f) => [...('named' in f ? [f.named] : []), placePattern(f)]);
  return `(?:${alternatives.join('|')})${templates ? '(?:\\.in)?' : ''}$`;
}

/** Which pre-commit hooks read templates: lint says what to write instead; fix leaves templates to configure. */
const PRE_COMMIT_HOOKS: Readonly<Record<string, boolean>> = { 'unitfix-lint': true, 'unitfix-fix-check': false };

const HOOK_LIST_START = '\n_unitfixFormatFolders=(\n';

/** The setup hook with its folder list as the registry has it. */
export function withHookFolders(script: string): string {
  const start = script.indexOf(HOOK_LIST_START);
  const end = start < 0 ? -1 : script.indexOf('\n)\n', start);
  if (end < 0) throw new Error('nix-hooks/unitfix-hook.sh: no _unitfixFormatFolders=( … ) list to write');
  return `${script.slice(0, start)}${HOOK_LIST_START}${hookFolderLines().map((line) => `    ${line}`).join('\n')}${script.slice(end)}`;
}

/** .pre-commit-hooks.yaml with each unitfix hook's `files:` pattern as the registry has it. */
export function withPreCommitPatterns(yaml: string): string {
  let hook: string | undefined;
  return yaml
    .split('\n')
    .map((line) => {
      hook = /^- id: (\S+)/.exec(line)?.[1] ?? hook;
      const templates = hook === undefined ? undefined : PRE_COMMIT_HOOKS[hook];
      // Single-quoted YAML keeps backslashes as they are; the patterns have no quote.
      return templates !== undefined && line.startsWith('  files: ') ? `  files: '${preCommitPattern(templates)}'` : line;
    })
    .join('\n');
}
