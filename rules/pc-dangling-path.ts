import fs from 'node:fs';
import path from 'node:path';
import { displayText } from '../src/text/bytes.js';
import { splitPcArguments } from '../src/formats/pkgconfig/argv.js';
import type { PcEvaluation } from '../src/formats/pkgconfig/evaluate.js';
import type { PcNode } from '../src/formats/pkgconfig/model.js';
import { defineRule, docsPage, type RuleContextBase } from '../src/lint/rule.js';

/** Fields whose words are compiler and linker flags. */
const FLAG_FIELDS = new Set(['libs', 'libs.private', 'cflags', 'cflags.private']);
/** Folder variables consumers ask for by name (meson's dependency.get_variable, PKG_CHECK_VAR). */
const WELL_KNOWN = ['libdir', 'includedir'];
const ROOTS_BY_NAME = 'pc-dangling-path:roots-by-name';

/** The store paths in a flag word: -I/-L folders and plain paths (a static library named in full). */
function flagPath(word: string): string | undefined {
  const bare = /^-[IL]/.test(word) ? word.slice(2) : word;
  return bare.startsWith('/') ? bare : undefined;
}

/**
 * Where a store path's folder is, given the roots being linted: on disk, or
 * under a linted root that stands for its store object (a build result
 * linted from a copy). The roots by name are worked out once per lint run:
 * every .pc of a closure asks about the same few dependency folders.
 */
function exists(file: string, context: RuleContextBase<string>): boolean {
  if (context.resolver.exists(file)) return true;
  let byName = context.run.memo.get(ROOTS_BY_NAME) as Map<string, string> | undefined;
  if (!byName) {
    byName = new Map();
    for (const root of context.lintedRoots) {
      const real = (() => {
        try {
          return fs.realpathSync(root);
        } catch {
          return root;
        }
      })();
      byName.set(path.basename(real), root).set(path.basename(root), root);
    }
    context.run.memo.set(ROOTS_BY_NAME, byName);
  }
  const rest = file.slice(context.storeDir.length + 1);
  const slash = rest.indexOf('/');
  const root = byName.get(slash < 0 ? rest : rest.slice(0, slash));
  return root !== undefined && context.resolver.exists(slash < 0 ? root : path.join(root, rest.slice(slash)));
}

/** `…-foo//nix/store/…` or `$dev/$dev/include`: a store path joined onto another, which names nothing. */
function joinedStorePaths(value: string, storeDir: string): boolean {
  return value.indexOf(`${storeDir}/`, 1) > 0;
}

/** Variables a flag field names, directly: those pkgconf expands into what the compiler sees. */
function referencedByFlags(evaluation: PcEvaluation): Set<string> {
  const names = new Set<string>();
  for (const node of evaluation.fieldNodes) {
    if (!FLAG_FIELDS.has(node.key.toLowerCase())) continue;
    for (const match of node.rawValue.matchAll(/\$\{([A-Za-z0-9_.]+)\}/g)) names.add(match[1]!);
  }
  return names;
}

export const pcDanglingPath = defineRule({
  meta: {
    id: 'pc-dangling-path',
    description: 'A .pc file gives compilers or consumers a store path that points at nothing',
    formats: ['pkgconfig'],
    severity: 'error',
    docs: docsPage('pc-dangling-path'),
    messages: {
      variableJoined: '{{shown}} joins a store path onto another (a prefix put before an absolute path): it names nothing',
      variableNotInObject: '{{shown}} does not exist, and the flags pass it on: {{object}} has no such folder or file',
      variableNoObject: '{{shown}} does not exist, and the flags pass it on: {{object}} is neither on this machine nor among the linted paths',
      flagJoined: '{{shown}} joins a store path onto another: it names nothing',
      flagNotInObject: '{{shown}} does not exist: {{object}} has no such folder or file',
      flagNoObject: '{{shown}} does not exist: {{object}} is neither on this machine nor among the linted paths',
    },
    fixable: false,
  },
  create(context) {
    const { evaluation } = context.file;
    const inStore = (value: string) => value.startsWith(`${context.storeDir}/`);
    const referenced = referencedByFlags(evaluation);
    const reported: string[] = [];

    // Variables first: the finding belongs on the line that went wrong, not on every flag built on it.
    for (const name of new Set([...WELL_KNOWN, ...referenced])) {
      const value = evaluation.variables.get(name);
      const node = evaluation.definitions.get(name);
      if (value === undefined || !node || !inStore(value) || /\s/.test(value)) continue;
      const shown = `${name}=${displayText(value)}`;
      if (joinedStorePaths(value, context.storeDir)) {
        context.report({ at: node.line.start, messageId: 'variableJoined', data: { shown } });
        reported.push(value);
      } else if (referenced.has(name) && !exists(value, context)) {
        // libdir or includedir no flag uses (a header-only package's libdir) is not passed on: not a finding.
        const { object, found } = storeObjectOf(value);
        context.report({ at: node.line.start, messageId: found ? 'variableNotInObject' : 'variableNoObject', data: { shown, object } });
        reported.push(value);
      }
    }
    for (const node of evaluation.fieldNodes) {
      if (!FLAG_FIELDS.has(node.key.toLowerCase())) continue;
      for (const word of splitPcArguments(expandField(node)) ?? []) {
        const target = flagPath(word);
        if (target === undefined || !inStore(target)) continue;
        if (reported.some((r) => target === r || target.startsWith(`${r}/`))) continue;
        const shown = `${node.key}: ${displayText(word)}`;
        if (joinedStorePaths(target, context.storeDir)) context.report({ at: node.line.start, messageId: 'flagJoined', data: { shown } });
        else if (!exists(target, context)) {
          const { object, found } = storeObjectOf(target);
          context.report({ at: node.line.start, messageId: found ? 'flagNotInObject' : 'flagNoObject', data: { shown, object } });
        } else continue;
        reported.push(target);
      }
    }

    function expandField(node: PcNode): string {
      // evaluatePc keeps each occurrence of a flag field, expanded, in order.
      const occurrences = evaluation.fieldNodes.filter((n) => n.key.toLowerCase() === node.key.toLowerCase());
      const canonical = Object.keys(evaluation.fieldValues).find((k) => k.toLowerCase() === node.key.toLowerCase()) as keyof typeof evaluation.fieldValues | undefined;
      return (canonical && evaluation.fieldValues[canonical]?.[occurrences.indexOf(node)]) ?? '';
    }

    /** The store object a missing path is in, and whether that at least exists. */
    function storeObjectOf(target: string): { object: string; found: boolean } {
      const object = target.slice(0, context.storeDir.length + 1 + target.slice(context.storeDir.length + 1).split('/', 1)[0]!.length);
      return { object: displayText(object), found: exists(object, context) };
    }
  },
});
