"use client";
// Today at the club, refreshed every 30 seconds: check-ins, who is inside per branch, today's classes
// with their fill rate, leads and trials.
import { useQueries, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Link } from "@/i18n/navigation";
import { api, must } from "@/lib/api";
import { useBranches, useCan, useLocalName, useMemberName, useProblemMessage } from "@/lib/hooks";
import { clubToday, formatDay, formatNumber, formatPercent, formatTime, intlLocale, CLUB_TIME_ZONE } from "@/lib/format";
import { Card, Empty, ErrorNote, Loading } from "@/components/ui";
import type { components } from "@/lib/api-types";

const REFRESH_MS = 30_000;

/** Midnight of the club's today as an instant (Riyadh has no daylight saving: +03:00). */
function startOfClubDay(): string {
  return `${clubToday()}T00:00:00+03:00`;
}

function Kpi({ label, value, testId }: { label: string; value: string | undefined; testId: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm" data-kpi={testId}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="text-3xl font-bold">{value ?? "…"}</p>
    </div>
  );
}

export function Dashboard() {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const localName = useLocalName();
  const canCheckIns = useCan("checkins.manage");
  const problem = useProblemMessage();
  const branches = useBranches();
  const today = clubToday();

  const checkIns = useQuery({
    queryKey: ["dashboard", "check-ins", today],
    queryFn: async () => {
      // Pages of at most 200 visits; a day of a busy club takes a few.
      const items = [];
      for (let page = 1; page <= 20; page++) {
        const batch = await must(api.GET("/api/check-ins", { params: { query: { from: startOfClubDay(), page, pageSize: 200 } } }));
        items.push(...batch.items);
        if (batch.items.length < 200) break;
      }
      return { items };
    },
    refetchInterval: REFRESH_MS,
    enabled: canCheckIns,
  });
  const classes = useQuery({
    queryKey: ["dashboard", "classes", today],
    queryFn: () => must(api.GET("/api/class-sessions", { params: { query: { day: today } } })),
    refetchInterval: REFRESH_MS,
  });
  const counts = useQueries({
    queries: (["Lead", "Trial"] as const).map((status) => ({
      queryKey: ["dashboard", "members", status],
      queryFn: () => must(api.GET("/api/members", { params: { query: { status, pageSize: 1, includeTotal: true } } })),
      refetchInterval: REFRESH_MS,
    })),
  });
  const summary = useQuery({
    queryKey: ["dashboard", "members-summary", today],
    queryFn: () => must(api.GET("/api/members/summary")),
    refetchInterval: REFRESH_MS,
  });
  const occupancy = useQueries({
    queries: (branches.data ?? []).map((b) => ({
      queryKey: ["occupancy", b.id],
      queryFn: () => must(api.GET("/api/branches/{id}/occupancy", { params: { path: { id: b.id } } })),
      refetchInterval: REFRESH_MS,
    })),
  });

  const allowed = checkIns.data?.items.filter((c) => c.allowed) ?? [];
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0 }));
  for (const visit of allowed) {
    const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: CLUB_TIME_ZONE }).format(new Date(visit.at)));
    byHour[hour]!.count++;
  }
  const hours = byHour.filter((h) => h.hour >= 5 || h.count > 0);
  const inside = occupancy.reduce((sum, o) => sum + Number(o.data?.inside ?? 0), 0);
  const fill = (classes.data ?? [])
    .filter((c) => c.status !== "Cancelled")
    .map((c) => ({ name: `${formatTime(c.startsAt, locale)} ${localName(c.nameEn, c.nameAr)}`, fill: Number(c.capacity) ? Number(c.booked) / Number(c.capacity) : 0 }));
  const n = (v: number | undefined) => (v === undefined ? undefined : formatNumber(v, locale));
  const failed = [checkIns, classes, summary, ...counts, ...occupancy].find((q) => q.error)?.error;

  return (
    <div className="space-y-4">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        {classes.dataUpdatedAt > 0 && <p className="text-sm text-slate-600">{t("updated", { time: formatTime(new Date(classes.dataUpdatedAt), locale) })}</p>}
      </div>
      {failed && <ErrorNote message={problem(failed)} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        {canCheckIns && <Kpi testId="check-ins" label={t("checkInsToday")} value={n(checkIns.data ? allowed.length : undefined)} />}
        <Kpi testId="inside" label={t("occupancy")} value={n(occupancy.every((o) => o.data) ? inside : undefined)} />
        <Kpi testId="classes" label={t("classesToday")} value={n(classes.data?.length)} />
        <Kpi testId="leads" label={t("leads")} value={n(counts[0]?.data ? Number(counts[0].data.total ?? 0) : undefined)} />
        <Kpi testId="trials" label={t("trials")} value={n(counts[1]?.data ? Number(counts[1].data.total ?? 0) : undefined)} />
        <Kpi testId="expiring" label={t("expiringThisWeek")} value={n(summary.data ? Number(summary.data.expiringThisWeek) : undefined)} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ExpiringThisWeek summary={summary} />
        <LeadsAndTrials summary={summary} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {canCheckIns && (
          <Card title={t("checkInsByHour")}>
            {checkIns.isLoading ? (
              <Loading />
            ) : (
              <div className="h-64" dir="ltr">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={hours} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="hour" tickFormatter={(h: number) => formatNumber(h, locale)} reversed={locale === "ar"} />
                    <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, locale)} orientation={locale === "ar" ? "right" : "left"} />
                    <Tooltip formatter={(v) => formatNumber(Number(v), locale)} labelFormatter={(h) => formatNumber(Number(h), locale)} />
                    <Bar dataKey="count" fill="#0f766e" name={t("checkInsToday")} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            )}
          </Card>
        )}
        <Card title={t("fillRate")}>
          {classes.isLoading ? (
            <Loading />
          ) : fill.length === 0 ? (
            <Empty>{t("noClasses")}</Empty>
          ) : (
            <div className="h-64" dir="ltr">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={fill} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                  <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v, locale)} reversed={locale === "ar"} />
                  <YAxis type="category" dataKey="name" width={140} orientation={locale === "ar" ? "right" : "left"} />
                  <Tooltip formatter={(v) => formatPercent(Number(v), locale)} />
                  <Bar dataKey="fill" fill="#0369a1" name={t("fillRate")} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
      </div>
      <Card title={t("occupancy")}>
        <ul className="grid gap-2 sm:grid-cols-3">
          {(branches.data ?? []).map((b, i) => (
            <li key={b.id} className="flex justify-between rounded bg-slate-50 p-3">
              <span>{localName(b.nameEn, b.nameAr)}</span>
              <span className="font-bold">{n(occupancy[i]?.data ? Number(occupancy[i].data.inside) : undefined)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

type Summary = ReturnType<typeof useQuery<components["schemas"]["MembersSummary"]>>;

/** Memberships in force that end within the week with nothing after them: the members to call about renewing. */
function ExpiringThisWeek({ summary }: { summary: Summary }) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const memberName = useMemberName();
  const localName = useLocalName();
  const data = summary.data;
  return (
    <Card title={t("expiringThisWeek")}>
      {summary.isLoading ? (
        <Loading />
      ) : !data?.expiring.length ? (
        <Empty>{t("noneExpiring")}</Empty>
      ) : (
        <>
          <ul className="divide-y divide-slate-100" data-expiring>
            {data.expiring.map((e) => (
              <li key={e.subscriptionId}>
                <Link href={`/members/${e.memberId}`} className="flex min-h-11 flex-wrap items-center justify-between gap-2 rounded p-2 hover:bg-slate-50 focus-visible:bg-slate-50">
                  <span>
                    <span className="font-semibold">{memberName(e)}</span> <span className="text-slate-600">· {localName(e.planNameEn, e.planNameAr)}</span>
                  </span>
                  <span>{t("endsOn", { day: formatDay(e.endDate, locale) })}</span>
                </Link>
              </li>
            ))}
          </ul>
          {Number(data.expiringThisWeek) > data.expiring.length && (
            <p className="mt-2 text-sm text-slate-600">{t("andMore", { n: formatNumber(Number(data.expiringThisWeek) - data.expiring.length, locale) })}</p>
          )}
        </>
      )}
    </Card>
  );
}

/** New leads and trial passes per club day of the last week. */
function LeadsAndTrials({ summary }: { summary: Summary }) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const days = (summary.data?.leadsAndTrials ?? []).map((d) => ({
    day: new Intl.DateTimeFormat(intlLocale(locale), { weekday: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${d.day}T00:00:00Z`)),
    leads: Number(d.leads),
    trials: Number(d.trials),
  }));
  const total = days.reduce((sum, d) => sum + d.leads + d.trials, 0);
  return (
    <Card title={t("leadsAndTrials")}>
      {summary.isLoading ? (
        <Loading />
      ) : (
        <div className="h-64" dir="ltr" data-leads-chart data-total={total}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" reversed={locale === "ar"} />
              <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, locale)} orientation={locale === "ar" ? "right" : "left"} />
              <Tooltip formatter={(v) => formatNumber(Number(v), locale)} />
              <Legend />
              <Bar dataKey="leads" fill="#7c3aed" name={t("newLeads")} />
              <Bar dataKey="trials" fill="#0284c7" name={t("newTrials")} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}
