// The HTML page in headless Chromium (system browser via playwright-core): a screenshot, every finding on the page, a node per resource, no network.
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/render/html.js";
import type { RenderGraph } from "../../src/render/model.js";
import { CHROMIUM, CHROMIUM_ARGS, FOUNDRY_41, HAS_CHROMIUM, HAS_CORPUS, OUTPUT, announceSkip, render, writeOutput } from "./helpers.js";

const skip = announceSkip(!HAS_CHROMIUM, `Chromium is not installed at ${CHROMIUM} (apt-get install chromium): the HTML page checks do not run.`);

describe.skipIf(skip)("graph --format html in Chromium", { timeout: 300_000 }, () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 180_000 });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });

  const cases: { name: string; graph: () => RenderGraph; skip: boolean }[] = [
    { name: "foundry", graph: () => render("foundry.json").graph, skip: false },
    { name: "foundry-41", graph: () => render(FOUNDRY_41).graph, skip: announceSkip(!HAS_CORPUS, "corpus template 41-standard-agent-setup not found: its HTML check does not run.") },
  ];

  for (const c of cases) {
    it.skipIf(c.skip)(`${c.name}: shows every finding, a node per resource, and loads nothing`, async () => {
      const graph = c.graph();
      const file = writeOutput(`${c.name}.html`, await renderHtml(graph));
      const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(120_000);
      const requests: string[] = [];
      const errors: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("pageerror", (e) => errors.push(e.message));
      const url = pathToFileURL(file).href;
      await page.goto(url);

      // A node in the SVG for every resource and module, with the render graph's ids.
      expect(await page.locator("svg g.node").count()).toBe(graph.nodes.length);
      for (const n of graph.nodes) expect(await page.locator(`svg g.node#${n.id}`).count(), n.id).toBe(1);

      // Every finding is listed, linked to its node when it has one.
      const listed = (await page.locator("#findings").innerText()).replace(/\s+/g, " ");
      expect(await page.locator("li.finding").count()).toBe(graph.findings.length);
      for (const f of graph.findings) {
        expect(listed).toContain(f.message.replace(/\s+/g, " "));
        expect(listed).toContain(f.ruleId);
      }
      const linked = graph.findings.filter((f) => f.node !== null);
      expect(await page.locator("li.finding a.node").count()).toBe(linked.length);

      // The creation waves list every node that is in one.
      expect(await page.locator("#waves a.node").count()).toBe(graph.nodes.length);

      // Clicking a finding highlights its node.
      const first = linked[0];
      if (first !== undefined) {
        await page.locator(`li.finding[data-node="${first.node!}"] a.node`).first().click();
        expect(await page.locator(`svg g.node#${first.node!}.hl`).count()).toBe(1);
      }
      await page.screenshot({ path: `${OUTPUT}/${c.name}.png`, fullPage: true });
      await page.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
    });
  }
});
