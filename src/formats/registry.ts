import type { PlanContext, Planner } from '../fix/plans/planner.js';
import type { Rewrite } from '../fix/plans/rewrite.js';
import type { FormatPlaces, FormatSyntax, ParsedModel } from './format.js';
import { dbusServicePlaces } from './dbus/places.js';
import { pkgconfigPlaces } from './pkgconfig/places.js';
import { sysusersPlaces } from './sysusers/places.js';
import { tmpfilesPlaces } from './tmpfiles/places.js';
import { udevRulesPlaces } from './udev/places.js';
import { unitPlaces } from './unit/places.js';

/** A format as the commands that read files use it: where it lives, its syntax, and its rewrite planner when `unitfix fix` rewrites it. */
export type Format<Id extends string, Model extends ParsedModel> = FormatPlaces<Id> &
  FormatSyntax<Model> & {
    plan?(model: Model, context: PlanContext): Rewrite;
  };

/** A registered format: its places at once, the rest when a command reads files. */
export interface RegisteredFormat<Id extends string, Model extends ParsedModel> extends FormatPlaces<Id> {
  /** `unitfix fix` rewrites it: it has a planner (and the setup hook looks for its folders). */
  readonly fixable: boolean;
  /** Its syntax and planner: most of unitfix's code, which commands that read no file (and the setup hook's folder check) never load. Once. */
  load(): Promise<Format<Id, Model>>;
}

function register<const Id extends string, Model extends ParsedModel>(
  places: FormatPlaces<Id>,
  syntax: () => Promise<FormatSyntax<Model>>,
  planner?: () => Promise<Planner<Model>>,
): RegisteredFormat<Id, Model> {
  let loaded: Promise<Format<Id, Model>> | undefined;
  const attempt = async (): Promise<Format<Id, Model>> => {
    try {
      const plan = planner ? await planner() : undefined;
      return { ...places, ...(await syntax()), ...(plan ? { plan } : {}) };
    } catch (error) {
      // Not kept: the next caller tries again.
      loaded = undefined;
      throw error;
    }
  };
  return { ...places, fixable: planner !== undefined, load: () => (loaded ??= attempt()) };
}

/**
 * Every format unitfix reads, in the order `unitfix fix` reports files. The
 * one list: fix discovery, lint's walk and parse, inspect, the setup hook's
 * folder check and the pre-commit patterns all derive from it. A format is
 * its folder in src/formats/ (places.ts, syntax.ts) and, when fixable, its
 * planner in src/fix/plans/.
 */
export const FORMATS = [
  register(unitPlaces, async () => (await import('./unit/syntax.js')).unitSyntax, async () => (await import('../fix/plans/unit.js')).planUnit),
  register(tmpfilesPlaces, async () => (await import('./tmpfiles/syntax.js')).tmpfilesSyntax, async () => (await import('../fix/plans/tmpfiles.js')).planTmpfiles),
  register(sysusersPlaces, async () => (await import('./sysusers/syntax.js')).sysusersSyntax, async () => (await import('../fix/plans/sysusers.js')).planSysusers),
  register(pkgconfigPlaces, async () => (await import('./pkgconfig/syntax.js')).pkgconfigSyntax, async () => (await import('../fix/plans/pkgconfig.js')).planPkgconfig),
  register(udevRulesPlaces, async () => (await import('./udev/syntax.js')).udevRulesSyntax, async () => (await import('../fix/plans/udev-rules.js')).planUdevRules),
  register(dbusServicePlaces, async () => (await import('./dbus/syntax.js')).dbusServiceSyntax, async () => (await import('../fix/plans/dbus-service.js')).planDbusService),
] as const;

type Registered = (typeof FORMATS)[number];

export type FormatId = Registered['id'];

/** The parse of a file of format Id. */
export type ModelOf<Id extends FormatId> = Extract<Registered, { readonly id: Id }> extends RegisteredFormat<Id, infer Model> ? Model : never;

/** A parsed file typed by its format: a rule for some formats narrows it by `format`. */
export type ParsedFile = { [Id in FormatId]: { readonly format: Id; readonly model: ModelOf<Id> } }[FormatId];

/** A loaded format, for code that handles every format alike (parses with one, plans with the same). */
export type AnyFormat = Format<FormatId, ParsedModel>;

export const FORMAT_IDS: readonly FormatId[] = FORMATS.map((f) => f.id);

export function formatById<Id extends FormatId>(id: Id): Extract<Registered, { readonly id: Id }>;
export function formatById(id: string): Registered | undefined;
export function formatById(id: string): Registered | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** Every format with its syntax and planner, in registry order (one after another: their modules share most of their imports). */
export async function loadFormats(): Promise<readonly AnyFormat[]> {
  const loaded: AnyFormat[] = [];
  for (const format of FORMATS) loaded.push((await format.load()) as AnyFormat);
  return loaded;
}

/** Output folders any format lives in, in registry order: fix's walk and the setup hook's check. */
export function formatFolders(format: FormatPlaces): readonly string[] {
  return [...format.folders, ...format.etcFolders];
}

/** The formats `unitfix fix` rewrites. */
export const FIXABLE_FORMATS: readonly Registered[] = FORMATS.filter((f) => f.fixable);

/** The first folder of each format (of those given), for messages about a tree with none of them. */
export function folderExamples(formats: readonly FormatPlaces[] = FORMATS): string {
  return `${formats.map((f) => f.folders[0]).join(', ')}, …`;
}

/** How each format's files are told by name, for messages about a file of none of them. */
export function nameExamples(): string {
  return FORMATS.map((f) => f.namedLike).join(', ');
}
