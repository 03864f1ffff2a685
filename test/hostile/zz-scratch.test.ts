import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { it } from "vitest";
import * as h from "./inputs.js";
it("gen", () => {
  const d = "/tmp/hx";
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d);
  writeFileSync(`${d}/good.json`, h.goodTemplate());
  for (const c of [...h.BROKEN, ...h.BOMBS]) c.write(`${d}/${c.name}`);
  h.writeSymlinkLoop(d);
  writeFileSync(`${d}/proto.json`, h.prototypeKeysTemplate());
  writeFileSync(`${d}/big50.json`, h.bigTemplate(50));
  writeFileSync(`${d}/million.json`, h.millionElementsTemplate());
  writeFileSync(`${d}/cycle.json`, h.cycleTemplate(10000));
  writeFileSync(`${d}/many.json`, h.manyResourcesTemplate(50000));
  writeFileSync(`${d}/chain.json`, h.nestedChainTemplate(6, 800));
  writeFileSync(`${d}/regex.json`, h.regexHostileTemplate(30000));
}, 120000);
