import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
// @ts-expect-error a plain JavaScript module
import { physicalUtilities } from "../scripts/check-logical.mjs";

describe("logical properties only", () => {
  it("finds physical left/right utilities and lets logical ones pass", () => {
    const source = `<div className="ml-2 pe-4 md:text-right start-0 right-3 -left-1 rounded-l-md border-r ps-2 text-start float-left" />`;
    expect(physicalUtilities(source)).toEqual(["ml-2", "md:text-right", "right-3", "-left-1", "rounded-l-md", "border-r", "float-left"]);
    expect(physicalUtilities(`<p className="me-2 ms-auto text-end border-s-2 rounded-e-lg inset-x-0 mx-auto px-3" />`)).toEqual([]);
  });

  it("finds none in the app's source", () => {
    expect(() => execFileSync("node", ["scripts/check-logical.mjs"], { stdio: "pipe" })).not.toThrow();
  });
});
