import path from 'node:path';
import { classifyExecutable, type FhsPath } from '../resolve/fhs-path.js';
import { locate } from '../text/line-index.js';
import type { PhysicalLine } from '../text/systemd-lines.js';
import { formatMessage, type AnyRule, type ReportDescriptor, type RuleContextBase, type RunState } from './rule.js';
import { typedFile } from './typed-file.js';
import type { FileFormat, Finding, LintFile, LintTree, Severity } from './types.js';

export interface RuleSettings {
  /** Per rule: a severity, or 'off'. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Per rule: option name → value. */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly deep?: boolean;
  readonly storeDir: string;
}

/** What a root gives every rule: its resolver, the closure, where the store is. */
export type RootContext = Omit<RuleContextBase<string>, 'report' | 'options' | 'run'>;

/** A rule's context for one root: `file` or `tree` is set before each call of create. */
interface MutableContext extends Omit<RuleContextBase<string>, 'options'> {
  options: Readonly<Record<string, string>>;
  file?: unknown;
  tree?: LintTree;
}

/**
 * Runs the rules that are on over files and trees, and turns what they
 * report into findings: the message from its id and data, the place from
 * its offset (line and column only here, for display), fixable only when the
 * rule names a planner. One per lint run; the run's shared state lives here.
 */
export class RuleRunner {
  readonly severities: ReadonlyMap<string, Severity | 'off'>;
  private readonly treeRules: readonly AnyRule[];
  private readonly fileRules: ReadonlyMap<FileFormat, readonly AnyRule[]>;
  private readonly options: ReadonlyMap<AnyRule, Readonly<Record<string, string>>>;
  /** What the run works out once for every rule and file. */
  readonly run: RunState;
  /** Each message text once: a closure repeats the same few thousand across tens of thousands of findings. */
  private readonly messages = new Map<string, string>();

  constructor(rules: readonly AnyRule[], formats: readonly FileFormat[], settings: RuleSettings) {
    this.severities = new Map(rules.map((r) => [r.meta.id, settings.severities?.[r.meta.id] ?? r.meta.severity]));
    const on = rules.filter((r) => this.severities.get(r.meta.id) !== 'off' && (!r.meta.deep || settings.deep));
    this.treeRules = on.filter((r) => r.meta.formats.includes('tree'));
    // The rules for each format, worked out once rather than for every file.
    this.fileRules = new Map(formats.map((format) => [format, on.filter((r) => r.meta.formats.includes(format))]));
    this.options = new Map(
      on.map((rule) => [
        rule,
        { ...Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([name, o]) => [name, o.values[0]])), ...settings.ruleOptions?.[rule.meta.id] },
      ]),
    );
    const executables = new Map<string, FhsPath>();
    this.run = {
      memo: new Map(),
      executable(program) {
        let known = executables.get(program);
        if (!known) executables.set(program, (known = classifyExecutable(program, settings.storeDir)));
        return known;
      },
    };
  }

  /** The formats some rule that is on reads. */
  formatsRead(): FileFormat[] {
    return [...this.fileRules].filter(([, rules]) => rules.length > 0).map(([format]) => format);
  }

  /** The rules of one root; `base` is the root as found, what tree findings are relative to. */
  forRoot(root: RootContext, base: string): RootRules {
    return new RootRules(this, root, base);
  }

  /** A rule's options, declared defaults filled in. */
  optionsOf(rule: AnyRule): Readonly<Record<string, string>> {
    return this.options.get(rule)!;
  }

  /** The one copy of a message's text that the run's findings share. */
  message(text: string): string {
    const known = this.messages.get(text);
    if (known !== undefined) return known;
    this.messages.set(text, text);
    return text;
  }

  /** The rules that are on for files of a format, or for trees. */
  rulesFor(format: FileFormat | 'tree'): readonly AnyRule[] {
    return format === 'tree' ? this.treeRules : (this.fileRules.get(format) ?? []);
  }
}

/**
 * The rules at work on one root. They share one context, its options and
 * report pointed at each rule in turn before the rule runs: a rule reports
 * while create runs, so a report always belongs to the rule running (one
 * context per root rather than one per rule and root: a closure of a
 * thousand store paths would make thirty thousand).
 */
export class RootRules {
  private readonly context: MutableContext;
  private rule: AnyRule | undefined;
  private findings: Finding[] = [];
  private where: { path: string; lines?: readonly { start: number; number: number }[] } = { path: '' };

  constructor(
    private readonly runner: RuleRunner,
    root: RootContext,
    private readonly base: string,
  ) {
    this.context = {
      ...root,
      options: {},
      run: runner.run,
      report: (d) => {
        if (!this.rule) throw new Error('a rule reported after it returned');
        this.findings.push(this.finding(this.rule, d));
      },
    };
  }

  /** Runs `rule` on the shared context. */
  private apply(rule: AnyRule): void {
    this.rule = rule;
    this.context.options = this.runner.optionsOf(rule);
    try {
      rule.create(this.context as never);
    } finally {
      this.rule = undefined;
    }
  }

  /** What the tree rules report about the root's shape. */
  checkTree(tree: LintTree): Finding[] {
    this.findings = [];
    this.where = { path: this.base };
    this.context.tree = tree;
    for (const rule of this.runner.rulesFor('tree')) this.apply(rule);
    this.context.tree = undefined;
    return this.findings;
  }

  /** What the rules of its format report about one file. */
  checkFile(file: LintFile): Finding[] {
    this.findings = [];
    const lines = file.parsed ? (file.parsed.model as { lines?: readonly { start: number; number: number }[] }).lines : undefined;
    this.where = { path: file.path, ...(lines ? { lines } : {}) };
    this.context.file = typedFile(file);
    for (const rule of this.runner.rulesFor(file.format)) this.apply(rule);
    this.context.file = undefined;
    return this.findings;
  }

  private finding(rule: AnyRule, d: ReportDescriptor<string>): Finding {
    const { meta } = rule;
    // Said here once rather than trusted in every rule: only a rule that names a planner has findings it fixes.
    if (d.fix && meta.fixable === false) throw new Error(`${meta.id}: reports a fix, but its meta names no planner`);
    const message = this.runner.message(formatMessage(meta.id, meta.messages[d.messageId], d.data));
    const severity = this.runner.severities.get(meta.id) as Severity;
    const place = this.place(d);
    return { ruleId: meta.id, severity, message, ...place, fixable: d.fix === true, messageId: d.messageId, ...(d.data ? { data: d.data } : {}) };
  }

  private place(d: ReportDescriptor<string>): { path: string; line: number; column: number } {
    if ('file' in d) return { path: path.join(this.base, d.file), line: 1, column: 1 };
    if ('position' in d) return { path: this.where.path, line: d.position.line, column: d.position.column };
    if ('whole' in d) return { path: this.where.path, line: 1, column: 1 };
    const offset = 'at' in d ? d.at : 'span' in d ? d.span.start : d.node.span.start;
    return { path: this.where.path, ...locate((this.where.lines ?? []) as readonly PhysicalLine[], offset) };
  }
}
