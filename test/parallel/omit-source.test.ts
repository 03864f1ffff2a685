import { describe, expect, it } from "vitest";
import { withoutUnshownSource } from "../../src/parallel/task.js";
import type { LintResult } from "../../src/runner/run.js";

const result = (diagnostics: LintResult["diagnostics"]): LintResult => ({ file: "/t.json", source: "{}", diagnostics });

describe("withoutUnshownSource", () => {
  it("leaves out the text of a result without findings", () => {
    const outcome = withoutUnshownSource({ result: result([]), deps: ["/p.json"] });
    expect(outcome.result.source).toBeUndefined();
    expect(outcome.sourceOmitted).toBe(true);
    expect(outcome.deps).toEqual(["/p.json"]);
  });

  it("keeps the text of a result with findings", () => {
    const diagnostics = [{ ruleId: "x" }] as unknown as LintResult["diagnostics"];
    const outcome = withoutUnshownSource({ result: result(diagnostics), deps: [] });
    expect(outcome.result.source).toBe("{}");
    expect(outcome.sourceOmitted).toBe(false);
  });
});
