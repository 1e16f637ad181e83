import type { FormatId } from '../formats/registry.js';
import type { Position } from '../text/line-index.js';
import type { Span } from '../text/span.js';
import type { Resolver } from '../resolve/resolver.js';
import type { FhsPath } from '../resolve/fhs-path.js';
import type { FileFormat, LintTree, Severity, TypedFile } from './types.js';

/** What a rule looks at: files of some formats, or the shape of a whole root. */
export type RuleTarget = FileFormat | 'tree';

export interface RuleOption {
  readonly values: readonly [string, ...string[]];
  readonly describe: string;
}

export interface RuleMeta<Target extends RuleTarget, MessageId extends string> {
  /** Stable id, used in config, suppressions, reports and the file names rules/<id>.ts, docs/rules/<id>.md. */
  readonly id: string;
  /** One line: what the rule flags. */
  readonly description: string;
  readonly formats: readonly Target[];
  readonly severity: Severity;
  /** Its page, relative to the project's home (docs/rules/<id>.md): package.json names no home to link to yet. */
  readonly docs: string;
  /** Message templates by id; `{{name}}` is filled in from a report's data. Tests match on ids, not on words. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /**
   * The format whose planner (the registry's, src/fix/plans/) rewrites the
   * findings it reports with `fix: true`: `lint --fix` runs the planners of
   * the rules that are on. False: nothing rewrites them.
   */
  readonly fixable: FormatId | false;
  /** Only with --deep (reads every file). */
  readonly deep?: boolean;
  /** Settings a user may choose, by name: the values allowed (the first is the default) and what they do. */
  readonly options?: Readonly<Record<string, RuleOption>>;
}

/** Where a finding is: a span or node of the file's text (offsets), a position a planner gave, or (tree rules) a file of the root. */
export type ReportPlace =
  | { readonly span: Pick<Span, 'start'> }
  | { readonly node: { readonly span: Pick<Span, 'start'> } }
  | { readonly at: number }
  /** Planners report positions (src/fix/plans/rewrite.ts); the rules that relay them pass them on. */
  | { readonly position: Position }
  /** A file or folder of the tree, relative to the root (line 1, column 1). */
  | { readonly file: string }
  /** The whole file (line 1, column 1). */
  | { readonly whole: true };

export type ReportDescriptor<MessageId extends string> = ReportPlace & {
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
  /** The rule's planner rewrites this one (`unitfix fix`, `lint --fix`); only for a rule whose meta names one. */
  readonly fix?: boolean;
};

/** What every rule gets, for one file or tree of one run. */
export interface RuleContextBase<MessageId extends string> {
  report(descriptor: ReportDescriptor<MessageId>): void;
  /** Store paths of the linted closure (empty when no --closure was given). */
  readonly closure: ReadonlySet<string>;
  /** Every path being linted, as given (store paths, or folders standing for them). */
  readonly lintedRoots: readonly string[];
  readonly storeDir: string;
  /** Resolves against the linted root and the closure, as `unitfix fix` would. */
  readonly resolver: Resolver;
  /** This rule's options, from .unitfixrc [rule-options] or --rule-option (declared defaults filled in). */
  readonly options: Readonly<Record<string, string>>;
  /** Names at the top of the linted root, from its walk; undefined for a single file. */
  readonly topLevel?: ReadonlySet<string>;
  /** What this run has worked out once for every rule and file. */
  readonly run: RunState;
}

/** State of one lint run, shared by its rules: what many files ask the same of. */
export interface RunState {
  /** classifyExecutable, remembered for the run (units name the same few programs over and over). */
  executable(program: string): FhsPath;
  /** Rules' own memory for the run, by a key of their choosing (one entry per rule at most). */
  readonly memo: Map<string, unknown>;
}

export type RuleContext<Target extends RuleTarget, MessageId extends string> = RuleContextBase<MessageId> &
  (Target extends 'tree' ? { readonly tree: LintTree } : Target extends FileFormat ? { readonly file: TypedFile<Target> } : never);

export interface Rule<Target extends RuleTarget = RuleTarget, MessageId extends string = string> {
  readonly meta: RuleMeta<Target, MessageId>;
  /** Called once for each file of its formats (or each tree): reads `context.file` or `context.tree` and reports. */
  create(context: RuleContext<Target, MessageId>): void;
}

/** Any rule, as the engine and the index hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, string>;

/** A rule's page, relative to the project's home. */
export const docsPage = (id: string): string => `docs/rules/${id}.md`;

/** A rule, typed by what it looks at and its message ids (the identity: it only gives them to TypeScript). */
export function defineRule<const Target extends RuleTarget, MessageId extends string>(rule: Rule<Target, MessageId>): Rule<Target, MessageId> {
  return rule;
}

/** A message template with its data filled in; a name the data lacks is an error in the rule, not in the file. */
export function formatMessage(ruleId: string, template: string | undefined, data: Readonly<Record<string, string | number>> = {}): string {
  if (template === undefined) throw new Error(`${ruleId}: report names a message id its meta does not have`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!Object.hasOwn(data, name)) throw new Error(`${ruleId}: message data lacks '${name}'`);
    return String(data[name]);
  });
}
