// Config keys of this feature: "types" (a type data folder, relative to the config) and "discoverParameterFiles".
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, defaultConfig, loadConfigFile } from "../../src/runner/config.js";
import { TempDir } from "../runner/helpers.js";

const dir = new TempDir().write({
  "a/armlint.config.json": '{ "types": "../types-data", "discoverParameterFiles": false }',
  "b/armlint.config.json": '{ "discoverParameterFiles": "no" }',
  "c/armlint.config.json": '{ "types": "" }',
  "d/armlint.config.json": "{}",
});
afterAll(() => {
  dir.remove();
});

describe("config keys types and discoverParameterFiles", () => {
  it("types resolves against the config file's folder; the switch is read", async () => {
    const config = await loadConfigFile(dir.file("a/armlint.config.json"));
    expect(config.types).toBe(dir.file("types-data"));
    expect(config.discoverParameterFiles).toBe(false);
  });

  it("defaults: no type data, parameters files discovered", async () => {
    const config = await loadConfigFile(dir.file("d/armlint.config.json"));
    expect(config.types).toBeUndefined();
    expect(config.discoverParameterFiles).toBe(true);
    expect(defaultConfig().discoverParameterFiles).toBe(true);
  });

  it("wrong values are config errors naming the key", async () => {
    await expect(loadConfigFile(dir.file("b/armlint.config.json"))).rejects.toThrow(ConfigError);
    await expect(loadConfigFile(dir.file("b/armlint.config.json"))).rejects.toThrow(/discoverParameterFiles: must be true or false \(got "no"\)/);
    await expect(loadConfigFile(dir.file("c/armlint.config.json"))).rejects.toThrow(/types: must be a non-empty string/);
  });
});
