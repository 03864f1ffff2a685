// Shared by the params/* rules: the parameters file checked once against the template, findings cached per analysis.
import { LastMemo } from "../../src/runner/memo.js";
import type { Analysis } from "../../src/analyze.js";
import { checkParameterFile, type ParameterFinding, type ParameterFindingKind } from "../../src/params/check.js";
import type { RuleContext } from "../../src/runner/types.js";

const findingsMemo = new LastMemo<Analysis, ParameterFinding[]>();

/** Findings about the analysis's parameters file (empty without one). */
export function parameterFindings(analysis: Analysis): ParameterFinding[] {
  return findingsMemo.get(analysis, checkParameters);
}

function checkParameters(analysis: Analysis): ParameterFinding[] {
  const file = analysis.parameters;
  const root = analysis.model?.root;
  return file !== undefined && root !== undefined ? checkParameterFile(file, root) : [];
}

/** Reports the findings of one kind, located in the parameters file. */
export function reportParameterFindings(context: RuleContext, kind: ParameterFindingKind): void {
  const file = context.analysis.parameters?.file;
  if (file === undefined) return;
  for (const f of parameterFindings(context.analysis)) {
    if (f.kind !== kind) continue;
    const parameter = f.data.parameter;
    context.report({ span: f.span, file, message: f.message, data: f.data, ...(parameter !== undefined ? { identity: `parameter:${parameter.toLowerCase()}` } : {}) });
  }
}
