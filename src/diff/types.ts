// Change-rule API: rules that compare two versions of a template (`checkChange` with `before` and `after`).
import type { Analysis } from "../analyze.js";
import type { Severity } from "../diagnostics.js";
import type { GraphNode } from "../graph/types.js";
import type { ReportDescriptor, Rule, RuleMeta } from "../runner/types.js";

/**
 * How ARM treats a resource that leaves the template: `complete` (complete mode, or a deployment stack
 * that deletes unmanaged resources) deletes it; `incremental` leaves it alone, so deletion checks are off.
 */
export type DeploymentMode = "complete" | "incremental";

export const DEPLOYMENT_MODES: readonly DeploymentMode[] = ["complete", "incremental"];

export type Side = "before" | "after";

/** One version of a template file. */
export interface TemplateVersion {
  readonly side: Side;
  /** What findings on this side carry as `file`: an absolute path, or `REF:path` for a git revision. */
  readonly file: string;
  /**
   * The analysis of this version; undefined when the file does not exist on this side (the change adds
   * or deletes the whole file) or is not a template: then it deploys nothing.
   */
  readonly analysis: Analysis | undefined;
}

/** The resources of both versions, matched by canonical identity (never by position or symbolic name). */
export interface ResourceMatch {
  /** Identities the before version deploys and the after version does not: deleted in complete mode. */
  readonly removed: readonly GraphNode[];
  /** Identities the after version deploys and the before version does not. */
  readonly added: readonly GraphNode[];
  /** Identities both versions deploy: the before and the after declaration. */
  readonly kept: readonly { before: GraphNode; after: GraphNode }[];
  /** Does this version deploy a resource with this identity (not `existing`, condition not known false)? */
  deploys(side: Side, identity: string): boolean;
  /** Every declaration (existing and conditional ones included) with this identity in this version. */
  declarations(side: Side, identity: string): readonly GraphNode[];
}

/** A finding of a change rule: a report descriptor plus the version whose source `node` / `span` point into. */
export interface ChangeReportDescriptor extends ReportDescriptor {
  side: Side;
}

export interface ChangeContext {
  readonly id: string;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
  readonly before: TemplateVersion;
  readonly after: TemplateVersion;
  readonly mode: DeploymentMode;
  readonly resources: ResourceMatch;
  report(descriptor: ChangeReportDescriptor): void;
}

/**
 * A rule about a change between two versions. It is an ordinary rule too (registered in the same list,
 * configured the same way, listed by `armlint rules`), whose single-file `check` finds nothing: a lone
 * version shows no change. `armlint diff` and `armlint --base` call `checkChange` instead.
 */
export interface ChangeRule extends Rule {
  checkChange(context: ChangeContext): void;
}

/** Typed helper for change-rule modules: `check` is supplied (a no-op). */
export function defineChangeRule(rule: { meta: RuleMeta; checkChange(context: ChangeContext): void }): ChangeRule {
  return {
    meta: rule.meta,
    check: () => undefined,
    checkChange: (context) => {
      rule.checkChange(context);
    },
  };
}

export function isChangeRule(rule: Rule): rule is ChangeRule {
  return typeof (rule as Partial<ChangeRule>).checkChange === "function";
}

/**
 * The words a finding's message ends with to say which version it points into. `removed`: the finding is
 * about a resource the after version no longer deploys (on the after side it is still declared there, as
 * `existing` or under a false condition).
 */
export function sideNote(side: Side, removed: boolean): string {
  if (side === "before") return "(shown in the before version: the after version no longer declares it)";
  return removed ? "(shown in the after version, which still declares it but no longer deploys it)" : "(shown in the after version)";
}
