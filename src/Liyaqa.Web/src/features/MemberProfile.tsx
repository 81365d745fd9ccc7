"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { api, must } from "@/lib/api";
import { useCan, useLocalName, useMemberName, useProblemMessage } from "@/lib/hooks";
import { addDays, clubToday, formatDateTime, formatDay, formatMoney, formatNumber } from "@/lib/format";
import { cx } from "@/lib/cx";
import { buttonClass, Card, dangerButtonClass, Empty, ErrorNote, Field, inputClass, Loading, secondaryButtonClass, StatusBadge } from "@/components/ui";
import { useApiForm } from "./useApiForm";
import type { components } from "@/lib/api-types";

type Subscription = components["schemas"]["SubscriptionResponse"];
type Tab = "subscriptions" | "bookings" | "attendance" | "charges" | "audit";

/** Active members whose paid membership ends within a week show as expiring. */
export function displayStatus(status: string, subscriptions: Subscription[] | undefined, today: string): string {
  if (status !== "Active" || !subscriptions) return status;
  const current = subscriptions.filter((s) => !s.isTrial && !s.cancelledOn && s.startDate <= today && s.endDate >= today);
  const continues = subscriptions.some((s) => !s.isTrial && s.startDate > today) || current.some((s) => s.autoRenew);
  return current.length > 0 && !continues && current.every((s) => s.endDate <= addDays(today, 7)) ? "Expiring" : status;
}

export function MemberProfile({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const memberName = useMemberName();
  const problem = useProblemMessage();
  const canAudit = useCan("audit.read");
  const canSell = useCan("subscriptions.manage");
  const canEdit = useCan("members.manage");
  const [tab, setTab] = useState<Tab>("subscriptions");
  const queries = useQueryClient();
  const invite = useMutation({
    mutationFn: () => must(api.POST("/api/members/{id}/app-account", { params: { path: { id } } })),
    onSuccess: (updated) => queries.setQueryData(["member", id], updated),
  });
  const member = useQuery({ queryKey: ["member", id], queryFn: () => must(api.GET("/api/members/{id}", { params: { path: { id } } })) });
  const subscriptions = useQuery({
    queryKey: ["member", id, "subscriptions"],
    queryFn: () => must(api.GET("/api/members/{id}/subscriptions", { params: { path: { id } } })),
  });

  if (member.isLoading) return <Loading />;
  if (member.error || !member.data) return <ErrorNote message={problem(member.error)} onRetry={() => member.refetch()} />;
  const m = member.data;
  const name = memberName(m);
  const tabs: Tab[] = ["subscriptions", "bookings", "attendance", "charges", ...(canAudit ? (["audit"] as Tab[]) : [])];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4 rounded-xl bg-white p-4 shadow-sm">
        <div aria-hidden className="flex size-16 items-center justify-center rounded-full bg-teal-100 text-2xl font-bold text-teal-900">
          {name.slice(0, 1)}
        </div>
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-bold" data-member-name>
            {name}
          </h1>
          <p className="text-slate-600" dir="ltr" data-member-number>
            {m.number} · {m.phone} · {m.email}
          </p>
        </div>
        <StatusBadge status={displayStatus(m.status, subscriptions.data, clubToday())} />
        {canEdit && (
          <Link href={`/members/${id}/edit`} className={secondaryButtonClass}>
            {tc("edit")}
          </Link>
        )}
        {canEdit && !m.hasAppAccount && m.email && (
          <button type="button" className={secondaryButtonClass} disabled={invite.isPending} onClick={() => invite.mutate()} data-action="invite-app">
            {t("invite")}
          </button>
        )}
        {invite.isSuccess && <span role="status">{t("invited")}</span>}
        {invite.error && <ErrorNote message={problem(invite.error)} />}
      </div>

      <div role="tablist" className="flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            onClick={() => setTab(key)}
            data-tab={key}
            className={cx("min-h-11 px-4 py-2", tab === key ? "border-b-2 border-brand font-semibold text-brand" : "text-slate-700")}
          >
            {t(key)}
          </button>
        ))}
      </div>

      {tab === "subscriptions" && <Subscriptions memberId={id} canSell={canSell} />}
      {tab === "bookings" && <Bookings memberId={id} />}
      {tab === "attendance" && <Attendance memberId={id} />}
      {tab === "charges" && <Charges memberId={id} />}
      {tab === "audit" && <Audit memberId={id} />}
    </div>
  );
}

function usePlans() {
  return useQuery({ queryKey: ["plans"], queryFn: () => must(api.GET("/api/membership-plans")) });
}

function Subscriptions({ memberId, canSell }: { memberId: string; canSell: boolean }) {
  const t = useTranslations("profile");
  const locale = useLocale();
  const localName = useLocalName();
  const problem = useProblemMessage();
  const [selling, setSelling] = useState(false);
  const list = useQuery({
    queryKey: ["member", memberId, "subscriptions"],
    queryFn: () => must(api.GET("/api/members/{id}/subscriptions", { params: { path: { id: memberId } } })),
  });
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorNote message={problem(list.error)} onRetry={() => list.refetch()} />;
  const today = clubToday();
  return (
    <div className="space-y-3">
      {canSell && (
        <div>
          {selling ? (
            <SellForm memberId={memberId} onDone={() => setSelling(false)} />
          ) : (
            <button type="button" className={buttonClass} onClick={() => setSelling(true)} data-action="sell">
              {t("sell")}
            </button>
          )}
        </div>
      )}
      {list.data?.length === 0 && <Empty>{t("noSubscriptions")}</Empty>}
      {list.data?.map((s) => {
        const frozen = s.freezes.find((f) => f.startDate <= today && f.endDate >= today);
        const state = s.cancelledOn ? "Cancelled" : s.endDate < today ? "Expired" : s.startDate > today ? "Scheduled" : frozen ? "Frozen" : "Active";
        return (
          <Card key={s.id} title={localName(s.planNameEn, s.planNameAr)}>
            <div className="space-y-2" data-subscription={s.id} data-subscription-state={state}>
              <p>
                <span className="font-semibold">{t(`subscriptionStatus.${state}`)}</span> · {formatDay(s.startDate, locale)} – {formatDay(s.endDate, locale)}
              </p>
              {frozen && <p className="text-indigo-800">{t("frozenUntil", { day: formatDay(frozen.endDate, locale) })}</p>}
              {s.visitsLeft != null && <p>{t("visitsLeft", { count: Number(s.visitsLeft), n: formatNumber(Number(s.visitsLeft), locale) })}</p>}
              {s.classCreditsLeft != null && <p>{t("creditsLeft", { count: Number(s.classCreditsLeft), n: formatNumber(Number(s.classCreditsLeft), locale) })}</p>}
              <p>
                {t("total")}: <span data-money>{formatMoney(s.charge.total, locale)}</span>
              </p>
              {canSell && state !== "Expired" && state !== "Cancelled" && <SubscriptionActions subscription={s} frozenId={frozen?.id ?? s.freezes.find((f) => f.startDate > today)?.id} />}
            </div>
          </Card>
        );
      })}
    </div>
  );
}

function SellForm({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const tm = useTranslations("members");
  const locale = useLocale();
  const localName = useLocalName();
  const plans = usePlans();
  const queries = useQueryClient();
  const { errors, busy, submit } = useApiForm();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const done = await submit(() =>
      must(
        api.POST("/api/members/{id}/subscriptions", {
          params: { path: { id: memberId } },
          body: { planId: String(form.get("planId")), startDate: String(form.get("startDate")), discount: Number(form.get("discount") || 0), chargeJoiningFee: null },
        }),
      ),
    );
    if (done) {
      await queries.invalidateQueries({ queryKey: ["member", memberId] });
      onDone();
    }
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-xl bg-white p-4 shadow-sm sm:grid-cols-4" data-sell-form noValidate>
      <Field label={tm("plan")} name="planId" error={errors.fields.planId}>
        <select id="planId" name="planId" className={inputClass} required>
          {plans.data
            ?.filter((p) => p.isActive)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {localName(p.nameEn, p.nameAr)} — {formatMoney(p.priceWithVat.total, locale)}
              </option>
            ))}
        </select>
      </Field>
      <Field label={t("startDate")} name="startDate" error={errors.fields.startDate}>
        <input id="startDate" name="startDate" type="date" className={inputClass} defaultValue={clubToday()} />
      </Field>
      <Field label={t("discount")} name="discount" error={errors.fields.discount}>
        <input id="discount" name="discount" type="number" min="0" step="0.01" className={inputClass} defaultValue="0" />
      </Field>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass} disabled={busy} data-action="confirm-sell">
          {t("sell")}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>
          {tc("cancel")}
        </button>
      </div>
      {errors.general && (
        <div className="sm:col-span-4">
          <ErrorNote message={errors.general} />
        </div>
      )}
    </form>
  );
}

function SubscriptionActions({ subscription, frozenId }: { subscription: Subscription; frozenId?: string }) {
  const t = useTranslations("profile");
  const tm = useTranslations("members");
  const localName = useLocalName();
  const plans = usePlans();
  const queries = useQueryClient();
  const { errors, busy, submit } = useApiForm();
  const [open, setOpen] = useState<"freeze" | "changePlan" | "cancel" | null>(null);
  const id = subscription.id;
  const refresh = () => queries.invalidateQueries({ queryKey: ["member", subscription.memberId] });

  async function run(action: () => Promise<unknown>) {
    if (await submit(action)) {
      setOpen(null);
      await refresh();
      await queries.invalidateQueries({ queryKey: ["sessions"] });
    }
  }

  const unfreeze = useMutation({
    mutationFn: () => must(api.DELETE("/api/subscriptions/{id}/freezes/{freezeId}", { params: { path: { id, freezeId: frozenId! } } })),
    onSuccess: refresh,
  });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {frozenId ? (
          <button type="button" className={secondaryButtonClass} onClick={() => unfreeze.mutate()} data-action="unfreeze">
            {t("unfreeze")}
          </button>
        ) : (
          <button type="button" className={secondaryButtonClass} onClick={() => setOpen("freeze")} data-action="freeze">
            {t("freeze")}
          </button>
        )}
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen("changePlan")} data-action="change-plan">
          {t("changePlan")}
        </button>
        <button type="button" className={dangerButtonClass} onClick={() => setOpen("cancel")} data-action="cancel-subscription">
          {t("cancelSubscription")}
        </button>
      </div>
      {open === "freeze" && (
        <form
          className="flex flex-wrap items-end gap-2"
          data-freeze-form
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const start = String(form.get("freezeStart"));
            const days = Number(form.get("freezeDays"));
            void run(() => must(api.POST("/api/subscriptions/{id}/freezes", { params: { path: { id } }, body: { startDate: start, endDate: addDays(start, days - 1) } })));
          }}
        >
          <Field label={t("freezeFrom")} name="freezeStart" error={errors.fields.startDate}>
            <input id="freezeStart" name="freezeStart" type="date" className={inputClass} defaultValue={clubToday()} />
          </Field>
          <Field label={t("freezeDays")} name="freezeDays" error={errors.fields.endDate}>
            <input id="freezeDays" name="freezeDays" type="number" min="1" className={inputClass} defaultValue={Math.max(1, Number(subscription.terms.minFreezeDays) || 7)} />
          </Field>
          <button type="submit" className={buttonClass} disabled={busy} data-action="confirm-freeze">
            {t("freeze")}
          </button>
        </form>
      )}
      {open === "changePlan" && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const planId = String(new FormData(e.currentTarget).get("newPlanId"));
            void run(() => must(api.POST("/api/subscriptions/{id}/change-plan", { params: { path: { id } }, body: { planId } })));
          }}
        >
          <Field label={tm("plan")} name="newPlanId" error={errors.fields.planId}>
            <select id="newPlanId" name="newPlanId" className={inputClass}>
              {plans.data
                ?.filter((p) => p.isActive && p.id !== subscription.planId)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {localName(p.nameEn, p.nameAr)}
                  </option>
                ))}
            </select>
          </Field>
          <button type="submit" className={buttonClass} disabled={busy}>
            {t("changePlan")}
          </button>
        </form>
      )}
      {open === "cancel" && (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={dangerButtonClass} disabled={busy} onClick={() => run(() => must(api.POST("/api/subscriptions/{id}/cancel", { params: { path: { id } }, body: { atPeriodEnd: false } })))}>
            {t("cancelSubscription")}: {t("immediately")}
          </button>
          <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => run(() => must(api.POST("/api/subscriptions/{id}/cancel", { params: { path: { id } }, body: { atPeriodEnd: true } })))}>
            {t("cancelSubscription")}: {t("atPeriodEnd")}
          </button>
        </div>
      )}
      {errors.general && <ErrorNote message={errors.general} />}
      {unfreeze.error && <ErrorNote message={String(unfreeze.error.message)} />}
    </div>
  );
}

function Attendance({ memberId }: { memberId: string }) {
  const t = useTranslations("profile");
  const tr = useTranslations("checkIn.reasons");
  const locale = useLocale();
  const problem = useProblemMessage();
  const visits = useQuery({
    queryKey: ["member", memberId, "attendance"],
    queryFn: () => must(api.GET("/api/check-ins", { params: { query: { memberId, includeDenied: true, pageSize: 50 } } })),
  });
  if (visits.isLoading) return <Loading />;
  if (visits.error) return <ErrorNote message={problem(visits.error)} />;
  if (!visits.data?.items.length) return <Empty>{t("noAttendance")}</Empty>;
  return (
    <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm" data-attendance>
      {visits.data.items.map((v) => (
        <li key={v.id} className="flex justify-between gap-2 p-3">
          <span>{formatDateTime(v.at, locale)}</span>
          <span className={v.allowed ? "text-green-800" : "text-red-800"}>
            {v.allowed ? t("allowed") : `${t("denied")}: ${v.reason && tr.has(v.reason as "no-visits-left") ? tr(v.reason as "no-visits-left") : v.reason}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

const BOOKING_COLOURS: Record<string, string> = {
  Booked: "bg-green-100 text-green-900",
  Attended: "bg-green-100 text-green-900",
  Waitlisted: "bg-amber-100 text-amber-900",
  NoShow: "bg-red-100 text-red-900",
  LateCancelled: "bg-red-100 text-red-900",
};

/** The member's classes: upcoming places and waitlist places first, the history on request. */
function Bookings({ memberId }: { memberId: string }) {
  const t = useTranslations("profile");
  const locale = useLocale();
  const localName = useLocalName();
  const problem = useProblemMessage();
  const [past, setPast] = useState(false);
  const bookings = useQuery({
    queryKey: ["member", memberId, "bookings", past],
    queryFn: () => must(api.GET("/api/members/{id}/bookings", { params: { path: { id: memberId }, query: { past } } })),
  });
  return (
    <div className="space-y-3">
      <div role="group" aria-label={t("bookings")} className="flex gap-2">
        {[false, true].map((value) => (
          <button
            key={String(value)}
            type="button"
            aria-pressed={past === value}
            onClick={() => setPast(value)}
            data-bookings-when={value ? "past" : "upcoming"}
            className={cx(secondaryButtonClass, past === value && "border-brand text-brand")}
          >
            {value ? t("pastBookings") : t("upcomingBookings")}
          </button>
        ))}
      </div>
      {bookings.isLoading ? (
        <Loading />
      ) : bookings.error ? (
        <ErrorNote message={problem(bookings.error)} onRetry={() => bookings.refetch()} />
      ) : !bookings.data?.length ? (
        <Empty>{t("noBookings")}</Empty>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm" data-bookings>
          {bookings.data.map((b) => (
            <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-member-booking={b.status}>
              <span>
                <span className="font-semibold">{localName(b.classNameEn, b.classNameAr)}</span> · {formatDateTime(b.startsAt, locale)}
                {b.classCancelled && <span className="ms-2 text-red-800">{t("classCancelled")}</span>}
              </span>
              <span className={cx("rounded-full px-2.5 py-0.5 text-sm font-semibold", BOOKING_COLOURS[b.status] ?? "bg-slate-100 text-slate-800")}>
                {t(`bookingStatus.${b.status}`)}
                {b.waitlistPosition != null && ` · ${t("waitlistPosition", { n: formatNumber(Number(b.waitlistPosition), locale) })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Charges({ memberId }: { memberId: string }) {
  const t = useTranslations("profile");
  const locale = useLocale();
  const problem = useProblemMessage();
  const charges = useQuery({
    queryKey: ["member", memberId, "charges"],
    queryFn: () => must(api.GET("/api/charges", { params: { query: { memberId } } })),
  });
  if (charges.isLoading) return <Loading />;
  if (charges.error) return <ErrorNote message={problem(charges.error)} />;
  if (!charges.data?.length) return <Empty>{t("noCharges")}</Empty>;
  return (
    <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm">
      {charges.data.map((c) => (
        <li key={c.id} className="flex justify-between gap-2 p-3">
          <span>
            {formatDateTime(c.createdAt, locale)} · {c.reason} · {c.status}
          </span>
          <span>{formatMoney(c.total, locale, c.currency)}</span>
        </li>
      ))}
    </ul>
  );
}

function Audit({ memberId }: { memberId: string }) {
  const t = useTranslations("profile");
  const locale = useLocale();
  const problem = useProblemMessage();
  const log = useQuery({
    queryKey: ["member", memberId, "audit"],
    queryFn: () => must(api.GET("/api/audit-log", { params: { query: { pageSize: 200 } } })),
  });
  if (log.isLoading) return <Loading />;
  if (log.error) return <ErrorNote message={problem(log.error)} />;
  const entries = log.data?.items.filter((e) => e.entityId === memberId) ?? [];
  if (!entries.length) return <Empty>{t("noAudit")}</Empty>;
  return (
    <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm" data-audit>
      {entries.map((e) => (
        <li key={e.id} className="flex justify-between gap-2 p-3">
          <span dir="ltr">{e.action}</span>
          <span>
            {e.email} · {formatDateTime(e.createdAt, locale)}
          </span>
        </li>
      ))}
    </ul>
  );
}

