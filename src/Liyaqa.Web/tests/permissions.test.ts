import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { can, homeFor, MATRIX, navigationFor, ROLES } from "@/lib/permissions";

/** The matrix as docs/PERMISSIONS.md writes it: permission → roles with a tick. */
function documentedMatrix(): Record<string, string[]> {
  const doc = readFileSync(new URL("../../../docs/PERMISSIONS.md", import.meta.url), "utf8");
  const rows: Record<string, string[]> = {};
  for (const line of doc.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 9 || !/^[a-z][\w.-]+$/.test(cells[1]!) || cells[1] === "permission") continue;
    rows[cells[1]!] = ROLES.filter((_, i) => cells[i + 2] === "✓");
  }
  return rows;
}

describe("permission-aware navigation", () => {
  it("holds the same matrix as docs/PERMISSIONS.md", () => {
    const documented = documentedMatrix();
    expect(Object.keys(documented).length).toBeGreaterThan(20);
    expect(Object.fromEntries(Object.entries(MATRIX).map(([p, r]) => [p, [...r]]))).toEqual(documented);
  });

  it("hides staff and settings from a trainer and shows the schedule", () => {
    const keys = navigationFor(["Trainer"]).map((i) => i.key);
    expect(keys).toContain("schedule");
    expect(keys).not.toContain("staff");
    expect(keys).not.toContain("settings");
    expect(keys).not.toContain("checkIn");
  });

  it("puts the check-in desk first for the front desk", () => {
    expect(homeFor(["FrontDesk"])).toBe("/check-in");
    const keys = navigationFor(["FrontDesk"]).map((i) => i.key);
    expect(keys[0]).toBe("checkIn");
    expect(keys).not.toContain("staff");
  });

  it("gives an owner everything, starting at the dashboard", () => {
    expect(navigationFor(["Owner"]).map((i) => i.key)).toEqual(["dashboard", "checkIn", "members", "schedule", "staff", "settings", "kiosk"]);
  });

  it("gives a member of the club no staff screen at all", () => {
    expect(navigationFor(["Member"])).toEqual([]);
    expect(can(["Member"], "bookings.create")).toBe(true);
    expect(can(["Member"], "members.read")).toBe(false);
  });
});
