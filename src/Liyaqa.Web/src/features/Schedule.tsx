"use client";
// The week (Saturday to Friday) at one branch, optionally one room; new classes and weekly series;
// a class's bookings and waitlist, attendance, booking a member and cancelling the class.
import { useEffect, useState } from "react";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { api, must } from "@/lib/api";
import { useCan, useLocalName, useMemberName, useProblemMessage } from "@/lib/hooks";
import { addDays, clubToday, formatDay, formatNumber, formatTime, formatWeekday, weekStart } from "@/lib/format";
import { cx } from "@/lib/cx";
import { buttonClass, Card, dangerButtonClass, Empty, ErrorNote, Field, inputClass, Loading, secondaryButtonClass } from "@/components/ui";
import { MemberSearch } from "./MemberSearch";
import { useDeskBranch } from "./checkIn";
import { BranchOptions } from "@/components/BranchOptions";
import { useApiForm } from "./useApiForm";
import type { components } from "@/lib/api-types";

type Session = components["schemas"]["SessionResponse"];
type DayOfWeek = components["schemas"]["DayOfWeek"];
const WEEK: DayOfWeek[] = ["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/** A date and a wall-clock time in Riyadh (no daylight saving) as an instant the API accepts. */
export function riyadhInstant(day: string, time: string): string {
  return `${day}T${time.length === 5 ? `${time}:00` : time}+03:00`;
}

/** The club's calendar day of an instant. */
function dayOf(instant: string): string {
  return clubToday(new Date(instant));
}

function useClassResources(branchId: string) {
  const types = useQuery({ queryKey: ["class-types"], queryFn: () => must(api.GET("/api/class-types")) });
  const rooms = useQuery({
    queryKey: ["rooms", branchId],
    queryFn: () => must(api.GET("/api/rooms", { params: { query: { branchId } } })),
    enabled: Boolean(branchId),
  });
  const trainers = useQuery({ queryKey: ["trainers"], queryFn: () => must(api.GET("/api/trainers")) });
  return { types: types.data ?? [], rooms: rooms.data ?? [], trainers: trainers.data ?? [] };
}

export function Schedule() {
  const t = useTranslations("schedule");
  const locale = useLocale();
  const localName = useLocalName();
  const problem = useProblemMessage();
  const canManage = useCan("classes.manage");
  const desk = useDeskBranch();
  const [week, setWeek] = useState(() => weekStart(clubToday()));
  const [roomId, setRoomId] = useState("");
  const [creating, setCreating] = useState<"class" | "series" | null>(null);
  const [selected, setSelected] = useState<string>();
  const resources = useClassResources(desk.branchId);

  const sessions = useQuery({
    queryKey: ["sessions", desk.branchId, week],
    queryFn: () =>
      must(api.GET("/api/class-sessions", { params: { query: { branchId: desk.branchId, from: riyadhInstant(week, "00:00"), to: riyadhInstant(addDays(week, 7), "00:00") } } })),
    enabled: Boolean(desk.branchId),
  });
  const shown = (sessions.data ?? []).filter((s) => !roomId || s.roomId === roomId);
  const chosen = sessions.data?.find((s) => s.id === selected);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block">{t("branch")}</span>
            <select className={inputClass} value={desk.branchId} onChange={(e) => desk.choose(e.target.value)}>
              <BranchOptions branches={desk.branches} />
            </select>
          </label>
          <label className="text-sm">
            <span className="block">{t("room")}</span>
            <select className={inputClass} value={roomId} onChange={(e) => setRoomId(e.target.value)} data-room-filter>
              <option value="">{t("allRooms")}</option>
              {resources.rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {localName(r.nameEn, r.nameAr)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className={secondaryButtonClass} onClick={() => setWeek(addDays(week, -7))} aria-label={t("previousWeek")}>
            {t("previousWeek")}
          </button>
          <span className="min-h-11 px-2 py-2 font-semibold" data-week={week}>
            {formatDay(week, locale)}
          </span>
          <button type="button" className={secondaryButtonClass} onClick={() => setWeek(addDays(week, 7))}>
            {t("nextWeek")}
          </button>
          {canManage && (
            <>
              <button type="button" className={buttonClass} onClick={() => setCreating("class")} data-action="new-class">
                {t("newClass")}
              </button>
              <button type="button" className={secondaryButtonClass} onClick={() => setCreating("series")} data-action="new-series">
                {t("newSeries")}
              </button>
            </>
          )}
        </div>
      </div>

      {creating && <NewClassForm kind={creating} branchId={desk.branchId} resources={resources} onDone={() => setCreating(null)} />}

      {sessions.isLoading ? (
        <Loading />
      ) : sessions.error ? (
        <ErrorNote message={problem(sessions.error)} onRetry={() => sessions.refetch()} />
      ) : shown.length === 0 ? (
        <Empty>{t("noClasses")}</Empty>
      ) : (
        <div className="grid gap-2 md:grid-cols-7" data-week-grid>
          {WEEK.map((_, i) => {
            const day = addDays(week, i);
            const today = day === clubToday();
            return (
              <div key={day} className={cx("min-h-32 rounded-xl bg-white p-2 shadow-sm", today && "ring-2 ring-brand")}>
                <h2 className="mb-2 text-sm font-semibold">{formatWeekday(riyadhInstant(day, "12:00"), locale)}</h2>
                <ul className="space-y-2">
                  {shown
                    .filter((s) => dayOf(s.startsAt) === day)
                    .map((s) => (
                      <li key={s.id}>
                        <button
                          type="button"
                          onClick={() => setSelected(s.id)}
                          data-session={s.id}
                          className={cx("w-full rounded-md border p-2 text-start text-sm", s.status === "Cancelled" ? "border-slate-200 bg-slate-100 line-through" : "border-teal-200 bg-teal-50 hover:bg-teal-100")}
                        >
                          <span className="block font-semibold">{localName(s.nameEn, s.nameAr)}</span>
                          <span className="block">{formatTime(s.startsAt, locale)}</span>
                          {s.roomId && <span className="block text-slate-600">{localName(s.roomNameEn, s.roomNameAr)}</span>}
                          <span className="block">{s.status === "Cancelled" ? t("cancelled") : t("placesLeft", { count: Number(s.spotsLeft), n: formatNumber(Number(s.spotsLeft), locale) })}</span>
                        </button>
                      </li>
                    ))}
                </ul>
              </div>
            );
          })}
        </div>
      )}
      {chosen && <ClassPanel session={chosen} onClose={() => setSelected(undefined)} />}
    </div>
  );
}

function NewClassForm({ kind, branchId, resources, onDone }: { kind: "class" | "series"; branchId: string; resources: ReturnType<typeof useClassResources>; onDone: () => void }) {
  const t = useTranslations("schedule");
  const tc = useTranslations("common");
  const localName = useLocalName();
  const queries = useQueryClient();
  const { errors, busy, submit } = useApiForm();
  const [typeId, setTypeId] = useState("");
  useEffect(() => {
    if (!typeId && resources.types[0]) setTypeId(resources.types[0].id);
  }, [resources.types, typeId]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || null;
    const common = {
      classTypeId: typeId,
      branchId,
      roomId: text("roomId"),
      trainerId: text("trainerId"),
      capacity: text("capacity") ? Number(text("capacity")) : null,
    };
    const done = await submit<unknown>(() =>
      kind === "class"
        ? must(api.POST("/api/class-sessions", { body: { ...common, startsAt: riyadhInstant(text("day") ?? clubToday(), text("time") ?? "18:00") } }))
        : must(
            api.POST("/api/class-series", {
              body: {
                ...common,
                rule: {
                  days: form.getAll("days").map(String) as DayOfWeek[],
                  localTime: `${text("time") ?? "18:00"}:00`,
                  startDate: text("day") ?? clubToday(),
                  endDate: text("endDate") ?? addDays(clubToday(), 28),
                  exceptions: (text("exceptions") ?? "").split(/[\s,]+/).filter(Boolean),
                },
              },
            }),
          ),
    );
    if (done) {
      await queries.invalidateQueries({ queryKey: ["sessions"] });
      onDone();
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-xl bg-white p-4 shadow-sm sm:grid-cols-3" data-class-form={kind} noValidate>
      <Field label={t("classType")} name="classTypeId" error={errors.fields.classTypeId}>
        <select id="classTypeId" className={inputClass} value={typeId} onChange={(e) => setTypeId(e.target.value)}>
          {resources.types.map((ct) => (
            <option key={ct.id} value={ct.id}>
              {localName(ct.nameEn, ct.nameAr)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("room")} name="roomId" error={errors.fields.roomId}>
        <select id="roomId" name="roomId" className={inputClass}>
          <option value="">—</option>
          {resources.rooms
            .filter((r) => r.isActive)
            .map((r) => (
              <option key={r.id} value={r.id}>
                {localName(r.nameEn, r.nameAr)}
              </option>
            ))}
        </select>
      </Field>
      <Field label={t("trainer")} name="trainerId" error={errors.fields.trainerId}>
        <select id="trainerId" name="trainerId" className={inputClass}>
          <option value="">—</option>
          {resources.trainers.map((tr) => (
            <option key={tr.id} value={tr.id}>
              {localName(tr.displayNameEn, tr.displayNameAr)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={kind === "class" ? t("startsAt") : t("from")} name="day" error={errors.fields.startsAt ?? errors.fields["rule.startDate"]}>
        <input id="day" name="day" type="date" className={inputClass} defaultValue={clubToday()} />
      </Field>
      <Field label={t("time")} name="time" error={errors.fields["rule.localTime"]}>
        <input id="time" name="time" type="time" className={inputClass} defaultValue="18:00" />
      </Field>
      <Field label={t("capacity")} name="capacity" error={errors.fields.capacity}>
        <input id="capacity" name="capacity" type="number" min="1" className={inputClass} />
      </Field>
      {kind === "series" && (
        <>
          <fieldset className="sm:col-span-3">
            <legend className="text-sm font-medium">{t("days")}</legend>
            <div className="flex flex-wrap gap-3">
              {WEEK.map((d) => (
                <label key={d} className="flex min-h-11 items-center gap-1">
                  <input type="checkbox" name="days" value={d} /> {t(`weekdays.${d}`)}
                </label>
              ))}
            </div>
            {errors.fields["rule.days"] && <p className="text-sm text-red-700">{errors.fields["rule.days"]}</p>}
          </fieldset>
          <Field label={t("to")} name="endDate" error={errors.fields["rule.endDate"]}>
            <input id="endDate" name="endDate" type="date" className={inputClass} defaultValue={addDays(clubToday(), 28)} />
          </Field>
          <Field label={t("exceptions")} name="exceptions" className="sm:col-span-2">
            <input id="exceptions" name="exceptions" className={inputClass} dir="ltr" />
          </Field>
        </>
      )}
      {errors.general && (
        <div className="sm:col-span-3">
          <ErrorNote message={errors.general} />
        </div>
      )}
      <div className="flex gap-2 sm:col-span-3">
        <button type="submit" className={buttonClass} disabled={busy || !typeId} data-action="save-class">
          {tc("save")}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>
          {tc("cancel")}
        </button>
      </div>
    </form>
  );
}

function ClassPanel({ session, onClose }: { session: Session; onClose: () => void }) {
  const t = useTranslations("schedule");
  const tb = useTranslations("profile.bookingStatus");
  const tm = useTranslations("members");
  const tc = useTranslations("common");
  const locale = useLocale();
  const localName = useLocalName();
  const memberName = useMemberName();
  const canManage = useCan("classes.manage");
  const canBook = useCan("bookings.create");
  const canMark = useCan("attendance.mark");
  const queries = useQueryClient();
  const { errors, busy, submit } = useApiForm();
  const bookings = useQuery({
    queryKey: ["bookings", session.id],
    queryFn: () => must(api.GET("/api/class-sessions/{id}/bookings", { params: { path: { id: session.id } } })),
    enabled: canManage,
  });
  const members = useQueries({
    queries: (bookings.data ?? []).map((b) => ({
      queryKey: ["member", b.memberId],
      queryFn: () => must(api.GET("/api/members/{id}", { params: { path: { id: b.memberId } } })),
      staleTime: 60_000,
    })),
  });
  const refresh = async () => {
    await queries.invalidateQueries({ queryKey: ["bookings", session.id] });
    await queries.invalidateQueries({ queryKey: ["sessions"] });
  };
  const act = async (action: () => Promise<unknown>) => {
    if (await submit(action)) await refresh();
  };
  const sorted = [...(bookings.data ?? [])].sort((a, b) => Number(a.waitlistPosition ?? 0) - Number(b.waitlistPosition ?? 0));

  return (
    <Card
      title={`${localName(session.nameEn, session.nameAr)} · ${formatWeekday(session.startsAt, locale)} ${formatTime(session.startsAt, locale)}`}
      actions={
        <button type="button" className={secondaryButtonClass} onClick={onClose}>
          {tc("close")}
        </button>
      }
    >
      <div className="space-y-3" data-class-panel={session.id}>
        <p>
          {session.trainerId && `${t("trainer")}: ${localName(session.trainerNameEn, session.trainerNameAr)} · `}
          {t("capacity")}: {formatNumber(Number(session.capacity), locale)} · {t("placesLeft", { count: Number(session.spotsLeft), n: formatNumber(Number(session.spotsLeft), locale) })} · {t("waitlist")}:{" "}
          {formatNumber(Number(session.waitlisted), locale)}
        </p>
        {session.status !== "Cancelled" && canBook && (
          <div className="max-w-md">
            <MemberSearch label={t("book")} onChoose={(m) => act(() => must(api.POST("/api/class-sessions/{id}/bookings", { params: { path: { id: session.id } }, body: { memberId: m.id } })))} />
          </div>
        )}
        {errors.general && <ErrorNote message={errors.general} />}
        {canManage && (
          <table className="w-full text-start" data-bookings>
            <thead className="bg-slate-100 text-sm">
              <tr>
                <th className="p-2 text-start">{t("bookings")}</th>
                <th className="p-2 text-start">{tm("status")}</th>
                <th className="p-2" />
              </tr>
            </thead>
            <tbody>
              {sorted.map((b, i) => (
                <tr key={b.id} className="border-t border-slate-100" data-booking-status={b.status} data-booking-member={b.memberId}>
                  <td className="p-2">{members[i]?.data ? memberName(members[i].data) : "…"}</td>
                  <td className="p-2">
                    {tb(b.status)}
                    {b.waitlistPosition != null && ` #${formatNumber(Number(b.waitlistPosition), locale)}`}
                  </td>
                  <td className="flex gap-2 p-2">
                    {canMark && ["Booked", "Attended", "NoShow"].includes(b.status) && (
                      <>
                        <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => act(() => must(api.POST("/api/bookings/{id}/attendance", { params: { path: { id: b.id } }, body: { attended: true } })))}>
                          {t("attended")}
                        </button>
                        <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => act(() => must(api.POST("/api/bookings/{id}/attendance", { params: { path: { id: b.id } }, body: { attended: false } })))}>
                          {t("missed")}
                        </button>
                      </>
                    )}
                    {canBook && ["Booked", "Waitlisted"].includes(b.status) && (
                      <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => act(() => must(api.POST("/api/bookings/{id}/cancel", { params: { path: { id: b.id } } })))}>
                        {tc("cancel")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canManage && session.status !== "Cancelled" && (
          <button type="button" className={dangerButtonClass} disabled={busy} onClick={() => act(() => must(api.POST("/api/class-sessions/{id}/cancel", { params: { path: { id: session.id } } })))} data-action="cancel-class">
            {t("cancelClass")}
          </button>
        )}
      </div>
    </Card>
  );
}
