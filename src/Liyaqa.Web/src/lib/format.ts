// Locale-aware formatting for the club: Saudi time, SAR, Gregorian dates, Arabic-Indic digits in Arabic.

export const CLUB_TIME_ZONE = "Asia/Riyadh";

/** The BCP 47 tag each UI locale formats with. Arabic keeps the Gregorian calendar staff use for memberships. */
export function intlLocale(locale: string): string {
  return locale === "ar" ? "ar-SA-u-ca-gregory-nu-arab" : "en-GB-u-ca-gregory-nu-latn";
}

export function formatMoney(amount: number | string, locale: string, currency = "SAR"): string {
  const value = typeof amount === "string" ? Number(amount) : amount;
  return new Intl.NumberFormat(intlLocale(locale), {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

export function formatPercent(ratio: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

/** A calendar day (`2026-12-01`) as the locale writes it; the day is not shifted by any time zone. */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}

export function formatDateTime(instant: string | Date, locale: string, timeZone = CLUB_TIME_ZONE): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(instant),
  );
}

export function formatTime(instant: string | Date, locale: string, timeZone = CLUB_TIME_ZONE): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: "short", timeZone }).format(new Date(instant));
}

export function formatWeekday(instant: string | Date, locale: string, timeZone = CLUB_TIME_ZONE): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: "long", day: "numeric", month: "short", timeZone }).format(
    new Date(instant),
  );
}

/** Today's calendar day in the club's time zone, as `yyyy-mm-dd`. */
export function clubToday(now: Date = new Date(), timeZone = CLUB_TIME_ZONE): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Adds days to a `yyyy-mm-dd` day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The Saturday that starts the week (the Saudi working week) holding `day`. */
export function weekStart(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const weekday = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(day, -((weekday + 1) % 7));
}

/** Member numbers are shown as M-000042. */
export function memberNumber(n: number): string {
  return `M-${String(n).padStart(6, "0")}`;
}
