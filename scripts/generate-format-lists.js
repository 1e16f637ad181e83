// Writes the format registry's folders into the setup hook and its file patterns into
// .pre-commit-hooks.yaml (src/formats/format-lists.ts says how). Run by `npm run generate`,
// after the build; test/formats/format-lists.test.ts fails while they differ.
import fs from 'node:fs';
import { withHookFolders, withPreCommitPatterns } from '../dist/src/formats/format-lists.js';

for (const [file, rewrite] of [['nix-hooks/unitfix-hook.sh', withHookFolders], ['.pre-commit-hooks.yaml', withPreCommitPatterns]]) {
  const before = fs.readFileSync(file, 'utf8');
  const after = rewrite(before);
  if (after === before) continue;
  fs.writeFileSync(file, after);
  console.log(`${file}: written from src/formats/registry.ts`);
}
