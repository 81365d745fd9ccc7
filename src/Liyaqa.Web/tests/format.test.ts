import { describe, expect, it } from "vitest";
import { addDays, clubToday, formatDateTime, formatDay, formatMoney, formatNumber, memberNumber, weekStart } from "@/lib/format";
import { directionOf } from "@/i18n/routing";

describe("locale formatting", () => {
  it("writes SAR to the halala, with Arabic-Indic digits in Arabic", () => {
    expect(formatMoney(1234.5, "ar")).toContain("١٬٢٣٤٫٥٠");
    expect(formatMoney(1234.5, "ar")).toContain("ر.س.");
    expect(formatMoney("57.50", "en")).toMatch(/^SAR\s57\.50$/);
    expect(formatMoney(0.1 + 0.2, "en")).toMatch(/^SAR\s0\.30$/);
  });

  it("uses Arabic-Indic digits for numbers in Arabic and Latin digits in English", () => {
    expect(formatNumber(2026, "ar")).toBe("٢٬٠٢٦");
    expect(formatNumber(2026, "en")).toBe("2,026");
  });

  it("writes dates on the Gregorian calendar in both languages, in the club's time zone", () => {
    expect(formatDay("2026-12-01", "en")).toBe("1 Dec 2026");
    expect(formatDay("2026-12-01", "ar")).toMatch(/٢٠٢٦/);
    expect(formatDay("2026-12-01", "ar")).not.toMatch(/[0-9]/);
    // 21:30 UTC is already the next day, 00:30, in Riyadh.
    expect(formatDateTime("2026-12-01T21:30:00Z", "en")).toBe("2 Dec 2026, 00:30");
  });

  it("knows the club's day and the Saudi week starting on Saturday", () => {
    expect(clubToday(new Date("2026-12-01T21:30:00Z"))).toBe("2026-12-02");
    expect(weekStart("2026-12-01")).toBe("2026-11-28"); // a Tuesday's week starts the Saturday before
    expect(weekStart("2026-11-28")).toBe("2026-11-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("lays Arabic out right to left and English left to right", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
  });

  it("shows member numbers padded", () => {
    expect(memberNumber(42)).toBe("M-000042");
  });
});
