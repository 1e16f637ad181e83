import type { Edit } from '../../text/edit.js';
import type { Position } from '../../text/line-index.js';
import { isSafePath } from '../../text/safe-path.js';
import type { Span } from '../../text/span.js';
import type { Problem, Replacement, Rewrite } from './rewrite.js';

/** What a problem is about, for rules that share a planner. */
export interface About {
  readonly key?: string;
  readonly kind?: string;
}

/** One replacement to plan, and how to report it (or why it was refused). */
export interface Replace extends About {
  /** The text replaced, as the report shows it. */
  readonly from: string;
  /**
   * Where it is: a source offset says where a refusal is reported (the
   * replacement itself is reported at its span); a position says both.
   */
  readonly at?: number | Position;
  /** Written before the path (columns filled in before an added argument). */
  readonly lead?: string;
  /** What the report says it became, when that is not the path written. */
  readonly shown?: string;
  /** The problem when the path would need quoting (default: says so). */
  readonly unsafe?: string;
  /** The problem when there is no span to replace (default: says it cannot be rewritten in place). */
  readonly unplaced?: string;
}

/**
 * A file's rewrite, built against its original bytes. Every replacement goes
 * through `replace`, which turns into a reported problem, never an edit, a
 * span that is missing, outside the file or over one already planned, and a
 * path that a file could not hold as it is (isSafePath): a planner cannot
 * write a broken file by forgetting a check.
 */
export class EditPlan {
  /** Sorted by start: an overlap is found by one binary search. */
  private readonly edits: Edit[] = [];
  private readonly replacements: Replacement[] = [];
  private readonly problems: Problem[] = [];

  constructor(
    private readonly sourceLength: number,
    /** Line and column of a source offset. */
    private readonly position: (offset: number) => Position,
  ) {}

  problem(at: number | Position, message: string, about: About = {}): void {
    this.problems.push(problemAt(this.where(at), message, about));
  }

  /** Replaces `span` with `to`; false (and a problem) when it cannot be done safely. */
  replace(span: Span | undefined, to: string, what: Replace): boolean {
    const about = { key: what.key, kind: what.kind };
    const refusalAt = what.at ?? span?.start ?? 0;
    if (!isSafePath(to)) {
      this.problem(refusalAt, what.unsafe ?? `resolved path ${to} would need quoting; left ${what.from} as it is`, about);
      return false;
    }
    if (!span || span.start < 0 || span.end > this.sourceLength || span.start > span.end) {
      this.problem(refusalAt, what.unplaced ?? `${what.from} cannot be rewritten in place; left as it is`, about);
      return false;
    }
    const index = this.insertionPoint(span.start);
    const before = this.edits[index - 1];
    const after = this.edits[index];
    if ((before && before.end > span.start) || (after && after.start < span.end) || (after && after.start === span.start)) {
      this.problem(refusalAt, `${what.from} overlaps another rewrite in this file; left as it is`, about);
      return false;
    }
    this.edits.splice(index, 0, { start: span.start, end: span.end, text: Buffer.from((what.lead ?? '') + to, 'latin1') });
    const at = typeof what.at === 'object' ? what.at : this.position(span.start);
    const { line, column } = at;
    const key = what.key ?? '';
    const shown = what.shown ?? to;
    this.replacements.push(what.kind === undefined ? { line, column, key, from: what.from, to: shown } : { line, column, key, from: what.from, to: shown, kind: what.kind });
    return true;
  }

  /** The rewrite planned so far. */
  rewrite(): Rewrite {
    return { edits: this.edits, replacements: this.replacements, problems: this.problems };
  }

  private where(at: number | Position): Position {
    return typeof at === 'number' ? this.position(at) : at;
  }

  /** The first planned edit starting at or after `start`. */
  private insertionPoint(start: number): number {
    let low = 0;
    let high = this.edits.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.edits[mid]!.start < start) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/**
 * A problem's record, its optional fields present only when given. Built
 * field by field: V8 (Node 20) makes `{ ...position, more }` some 50 times
 * slower than a plain literal, and planners make one per finding.
 */
function problemAt({ line, column }: Position, message: string, { key, kind }: About): Problem {
  if (key === undefined) return kind === undefined ? { line, column, message } : { line, column, message, kind };
  return kind === undefined ? { line, column, key, message } : { line, column, key, message, kind };
}
