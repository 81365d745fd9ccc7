"use client";
// The club's settings: profile, branches with opening hours, plans, classes (types, rooms, trainers),
// booking rules and message templates with a preview in both languages.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { api, must } from "@/lib/api";
import { useBranches, useCan, useLocalName, useMe, useProblemMessage } from "@/lib/hooks";
import { formatMoney, formatNumber, formatPercent } from "@/lib/format";
import { cx } from "@/lib/cx";
import { buttonClass, Card, Empty, ErrorNote, Field, inputClass, Loading, secondaryButtonClass } from "@/components/ui";
import { BranchOptions } from "@/components/BranchOptions";
import { useApiForm } from "./useApiForm";
import type { components } from "@/lib/api-types";

type Section = "club" | "branches" | "plans" | "classes" | "bookingRules" | "templates";
type DayOfWeek = components["schemas"]["DayOfWeek"];
const DAYS: DayOfWeek[] = ["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

function text(form: FormData, name: string): string | null {
  return String(form.get(name) ?? "").trim() || null;
}

export function Settings() {
  const t = useTranslations("settings");
  const ts = useTranslations("schedule");
  const canBranches = useCan("branches.manage");
  const canPlans = useCan("plans.manage");
  const canClasses = useCan("classes.manage");
  const canTemplates = useCan("templates.read");
  const sections: Section[] = [
    "club",
    ...(canBranches ? (["branches"] as const) : []),
    ...(canPlans ? (["plans"] as const) : []),
    ...(canClasses ? (["classes", "bookingRules"] as const) : []),
    ...(canTemplates ? (["templates"] as const) : []),
  ];
  const [section, setSection] = useState<Section>("club");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <div role="tablist" className="flex flex-wrap gap-1 border-b border-slate-200">
        {sections.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={section === key}
            data-tab={key}
            onClick={() => setSection(key)}
            className={cx("min-h-11 px-4 py-2", section === key ? "border-b-2 border-brand font-semibold text-brand" : "text-slate-700")}
          >
            {key === "classes" ? ts("classTypes") : t(key)}
          </button>
        ))}
      </div>
      {section === "club" && <ClubProfile />}
      {section === "branches" && <Branches />}
      {section === "plans" && <Plans />}
      {section === "classes" && <ClassSettings />}
      {section === "bookingRules" && <BookingRules />}
      {section === "templates" && <Templates />}
    </div>
  );
}

type FieldErrorsOf = ReturnType<typeof useApiForm>;

/** The English and Arabic name of whatever a form creates or edits, with their errors. */
function NameFields({ prefix, form, values }: { prefix: string; form: FieldErrorsOf; values?: { nameEn: string; nameAr: string } }) {
  const t = useTranslations("settings");
  return (
    <>
      <Field label={t("nameEn")} name={`${prefix}NameEn`} error={form.errors.fields.nameEn}>
        <input id={`${prefix}NameEn`} name={`${prefix}NameEn`} className={inputClass} defaultValue={values?.nameEn} {...form.invalid("nameEn")} />
      </Field>
      <Field label={t("nameAr")} name={`${prefix}NameAr`} error={form.errors.fields.nameAr}>
        <input id={`${prefix}NameAr`} name={`${prefix}NameAr`} className={inputClass} dir="rtl" defaultValue={values?.nameAr} {...form.invalid("nameAr")} />
      </Field>
    </>
  );
}

/** Save, or cancel an edit, and the form's overall error. */
function FormActions({ form, label, action, onCancel, className }: { form: FieldErrorsOf; label: string; action?: string; onCancel?: () => void; className?: string }) {
  const tc = useTranslations("common");
  return (
    <div className={cx("space-y-2", className)}>
      {form.errors.general && <ErrorNote message={form.errors.general} />}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={form.busy} data-action={action}>
          {label}
        </button>
        {onCancel && (
          <button type="button" className={secondaryButtonClass} onClick={onCancel}>
            {tc("cancel")}
          </button>
        )}
      </div>
    </div>
  );
}

function ClubProfile() {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const locale = useLocale();
  const me = useMe();
  const canEdit = useCan("club.settings");
  const queries = useQueryClient();
  const form = useApiForm();
  const [saved, setSaved] = useState(false);
  if (!me.data) return <Loading />;
  const club = me.data.tenant;
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [club.timeZone];

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setSaved(false);
    const done = await form.submit(() => must(api.PUT("/api/club", { body: { name: text(data, "clubName") ?? "", timeZone: text(data, "clubTimeZone") ?? "" } })));
    if (done) {
      setSaved(true);
      await queries.invalidateQueries({ queryKey: ["me"] });
    }
  }

  return (
    <Card title={t("club")}>
      {canEdit ? (
        <form onSubmit={onSubmit} className="mb-4 grid gap-3 sm:grid-cols-2" noValidate data-club-form>
          <Field label={t("clubName")} name="clubName" error={form.errors.fields.name}>
            <input id="clubName" name="clubName" className={inputClass} defaultValue={club.name} {...form.invalid("name")} />
          </Field>
          <Field label={t("timeZone")} name="clubTimeZone" error={form.errors.fields.timeZone}>
            <input id="clubTimeZone" name="clubTimeZone" list="time-zones" dir="ltr" className={inputClass} defaultValue={club.timeZone} {...form.invalid("timeZone")} />
            <datalist id="time-zones">
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </Field>
          <div className="flex items-end gap-3 sm:col-span-2">
            <FormActions form={form} label={tc("save")} action="save-club" />
            {saved && <span role="status">{tc("saved")}</span>}
          </div>
        </form>
      ) : null}
      <dl className="grid gap-2 sm:grid-cols-2">
        <dt className="text-slate-600">{t("clubName")}</dt>
        <dd data-club-name>{club.name}</dd>
        <dt className="text-slate-600">{t("clubId")}</dt>
        <dd dir="ltr">{club.slug}</dd>
        <dt className="text-slate-600">{t("timeZone")}</dt>
        <dd dir="ltr">{club.timeZone}</dd>
        <dt className="text-slate-600">{t("currency")}</dt>
        <dd>{club.currency}</dd>
        <dt className="text-slate-600">{t("vatRate")}</dt>
        <dd>{formatPercent(Number(club.vatRate), locale)}</dd>
      </dl>
    </Card>
  );
}

type Branch = components["schemas"]["BranchResponse"];
type Hours = components["schemas"]["OpeningHours"];

/** The week's opening hours from the editor's inputs: none when always open, else each open day's times. */
function readHours(form: FormData, prefix: string): Hours[] {
  if (form.get(`${prefix}alwaysOpen`) === "on") return [];
  return DAYS.filter((day) => form.get(`${prefix}open-${day}`) === "on").map((day) => ({
    day,
    opens: `${text(form, `${prefix}opens-${day}`) ?? ""}:00`,
    closes: `${text(form, `${prefix}closes-${day}`) ?? ""}:00`,
  }));
}

/** One row per weekday: open or closed, and its times (closing before opening runs past midnight). */
function OpeningHoursEditor({ prefix, hours, error }: { prefix: string; hours: Hours[]; error?: string }) {
  const t = useTranslations("settings");
  const ts = useTranslations("schedule");
  const [always, setAlways] = useState(hours.length === 0 && prefix !== "new-");
  return (
    <fieldset className="space-y-2 sm:col-span-3" data-opening-hours>
      <legend className="text-sm font-medium">{t("openingHours")}</legend>
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" name={`${prefix}alwaysOpen`} checked={always} onChange={(e) => setAlways(e.target.checked)} /> {t("alwaysOpen")}
      </label>
      {!always && (
        <table className="w-full max-w-xl text-start">
          <tbody>
            {DAYS.map((day) => {
              const current = hours.find((h) => h.day === day);
              const open = hours.length === 0 || current !== undefined;
              return (
                <tr key={day} data-day={day}>
                  <td className="pe-3">
                    <label className="flex min-h-11 items-center gap-2">
                      <input type="checkbox" name={`${prefix}open-${day}`} defaultChecked={open} /> {ts(`weekdays.${day}`)}
                    </label>
                  </td>
                  <td className="pe-2">
                    <input name={`${prefix}opens-${day}`} type="time" className={inputClass} defaultValue={current?.opens.slice(0, 5) ?? "06:00"} aria-label={`${ts(`weekdays.${day}`)} ${ts("from")}`} />
                  </td>
                  <td>
                    <input name={`${prefix}closes-${day}`} type="time" className={inputClass} defaultValue={current?.closes.slice(0, 5) ?? "23:00"} aria-label={`${ts(`weekdays.${day}`)} ${ts("to")}`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error && <p className="text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}

/** Opens a branch, or changes one: names, address and the week's opening hours. */
function BranchForm({ branch, onDone }: { branch?: Branch; onDone: () => void }) {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const queries = useQueryClient();
  const form = useApiForm();
  const prefix = branch ? `branch-${branch.id}-` : "new-";

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    const body = {
      nameEn: text(data, `${prefix}NameEn`) ?? "",
      nameAr: text(data, `${prefix}NameAr`) ?? "",
      address: text(data, `${prefix}address`),
      timeZone: branch?.timeZone ?? null,
      openingHours: readHours(data, prefix),
    };
    const done = await form.submit(() =>
      must(branch ? api.PUT("/api/branches/{id}", { params: { path: { id: branch.id } }, body }) : api.POST("/api/branches", { body })),
    );
    if (done) {
      if (!branch) element.reset();
      await queries.invalidateQueries({ queryKey: ["branches"] });
      onDone();
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-3" noValidate data-branch-form={branch?.id ?? "new"}>
      <NameFields prefix={prefix} form={form} values={branch} />
      <Field label={t("address")} name={`${prefix}address`} error={form.errors.fields.address}>
        <input id={`${prefix}address`} name={`${prefix}address`} className={inputClass} defaultValue={branch?.address ?? ""} />
      </Field>
      <OpeningHoursEditor prefix={prefix} hours={branch?.openingHours ?? []} error={form.errors.fields.openingHours} />
      <FormActions form={form} label={branch ? tc("save") : tc("create")} action="save-branch" onCancel={branch ? onDone : undefined} className="sm:col-span-3" />
    </form>
  );
}

/** A card listing the items, each with an edit button opening its form in place, and a card with the form for a new one. */
function EditableList<T extends { id: string }>(props: {
  title: string;
  newTitle: string;
  items: { isLoading: boolean; data?: T[] };
  list: string;
  summary: (item: T) => React.ReactNode;
  form: (item: T | undefined, done: () => void) => React.ReactNode;
}) {
  const tc = useTranslations("common");
  const [editing, setEditing] = useState<string>();
  const { data, isLoading } = props.items;
  return (
    <div className="space-y-4">
      <Card title={props.title}>
        {isLoading ? (
          <Loading />
        ) : !data?.length ? (
          <Empty />
        ) : (
          <ul className="divide-y divide-slate-100" {...{ [`data-${props.list}`]: true }}>
            {data.map((item) => (
              <li key={item.id} className="space-y-3 p-2">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  {props.summary(item)}
                  {editing !== item.id && (
                    <button type="button" className={secondaryButtonClass} onClick={() => setEditing(item.id)} data-action="edit">
                      {tc("edit")}
                    </button>
                  )}
                </div>
                {editing === item.id && props.form(item, () => setEditing(undefined))}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={props.newTitle}>{props.form(undefined, () => undefined)}</Card>
    </div>
  );
}

function Branches() {
  const t = useTranslations("settings");
  const ts = useTranslations("schedule");
  const localName = useLocalName();
  const branches = useBranches();
  return (
    <EditableList
      title={t("branches")}
      newTitle={t("newBranch")}
      items={branches}
      list="branches"
      summary={(b) => (
        <>
          <span className="font-semibold">{localName(b.nameEn, b.nameAr)}</span>
          <span className="text-slate-600" data-branch-hours={b.id}>
            {b.openingHours.length === 0 ? t("alwaysOpen") : [...b.openingHours].sort((x, y) => DAYS.indexOf(x.day) - DAYS.indexOf(y.day)).map((h) => `${ts(`weekdays.${h.day}`)} ${h.opens.slice(0, 5)}–${h.closes.slice(0, 5)}`).join(" · ")}
          </span>
        </>
      )}
      form={(b, done) => <BranchForm branch={b} onDone={done} />}
    />
  );
}

type Plan = components["schemas"]["PlanResponse"];

/** Creates a plan, or changes one (memberships already sold keep their terms). */
function PlanForm({ plan, onDone }: { plan?: Plan; onDone: () => void }) {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const queries = useQueryClient();
  const form = useApiForm();
  // The new plan's inputs keep their plain ids (planNameEn, price…); an edited plan's are prefixed.
  const id = (name: string) => (plan ? `plan-${plan.id}-${name}` : name);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    const value = (name: string) => text(data, id(name));
    const kind = (value("kind") ?? "TimeBased") as components["schemas"]["PlanKind"];
    const body = {
      nameEn: value("planNameEn") ?? "",
      nameAr: value("planNameAr") ?? "",
      kind,
      duration: Number(value("duration") ?? 1),
      durationUnit: (value("durationUnit") ?? "Months") as components["schemas"]["DurationUnit"],
      visits: kind === "VisitPack" ? Number(value("visits") ?? 0) : null,
      price: Number(value("price") ?? 0),
      priceIncludesVat: data.get(id("priceIncludesVat")) === "on",
      joiningFee: Number(value("joiningFee") ?? 0),
      terms: {
        allBranches: plan?.terms.allBranches ?? true,
        branchIds: plan?.terms.branchIds ?? [],
        accessFrom: plan?.terms.accessFrom ?? null,
        accessUntil: plan?.terms.accessUntil ?? null,
        classCredits: value("classCredits") ? Number(value("classCredits")) : null,
        maxFreezesPerYear: Number(value("maxFreezes") ?? 0),
        minFreezeDays: Number(value("minFreezeDays") ?? 0),
        maxFreezeDays: Number(value("maxFreezeDays") ?? 0),
      },
    };
    const done = await form.submit(() =>
      must(plan ? api.PUT("/api/membership-plans/{id}", { params: { path: { id: plan.id } }, body }) : api.POST("/api/membership-plans", { body })),
    );
    if (done) {
      if (!plan) element.reset();
      await queries.invalidateQueries({ queryKey: ["plans"] });
      onDone();
    }
  }

  const num = (name: string, label: string, value: string, error?: string) => (
    <Field label={label} name={id(name)} error={error}>
      <input id={id(name)} name={id(name)} type="number" min="0" step="any" className={inputClass} defaultValue={value} />
    </Field>
  );
  const given = (v: number | string | null | undefined, fallback: string) => (v === null || v === undefined ? fallback : String(v));

  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-4" noValidate data-plan-form={plan?.id ?? "new"}>
      <NameFields prefix={id("plan")} form={form} values={plan} />
      <Field label={t("kind")} name={id("kind")} error={form.errors.fields.kind}>
        <select id={id("kind")} name={id("kind")} className={inputClass} defaultValue={plan?.kind ?? "TimeBased"}>
          {(["TimeBased", "VisitPack", "RecurringMonthly"] as const).map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("duration")} name={id("duration")} error={form.errors.fields.duration}>
        <div className="flex gap-2">
          <input id={id("duration")} name={id("duration")} type="number" min="1" className={inputClass} defaultValue={given(plan?.duration, "1")} />
          <select name={id("durationUnit")} className={inputClass} aria-label={t("durationUnit")} defaultValue={plan?.durationUnit ?? "Months"}>
            <option value="Months">{t("months")}</option>
            <option value="Days">{t("daysUnit")}</option>
          </select>
        </div>
      </Field>
      {num("price", t("price"), given(plan?.price, "300"), form.errors.fields.price)}
      {num("joiningFee", t("joiningFee"), given(plan?.joiningFee, "0"), form.errors.fields.joiningFee)}
      {num("visits", t("visits"), given(plan?.visits, ""), form.errors.fields.visits)}
      {num("classCredits", t("classCredits"), given(plan?.terms.classCredits, ""), form.errors.fields["terms.classCredits"])}
      {num("maxFreezes", t("maxFreezes"), given(plan?.terms.maxFreezesPerYear, "2"), form.errors.fields["terms.maxFreezesPerYear"])}
      {num("minFreezeDays", t("minFreezeDays"), given(plan?.terms.minFreezeDays, "1"), form.errors.fields["terms.minFreezeDays"])}
      {num("maxFreezeDays", t("maxFreezeDays"), given(plan?.terms.maxFreezeDays, "30"), form.errors.fields["terms.maxFreezeDays"])}
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" name={id("priceIncludesVat")} defaultChecked={plan?.priceIncludesVat ?? true} /> {t("vatIncluded")}
      </label>
      <FormActions form={form} label={plan ? tc("save") : tc("create")} action="save-plan" onCancel={plan ? onDone : undefined} className="sm:col-span-4" />
    </form>
  );
}

function Plans() {
  const t = useTranslations("settings");
  const locale = useLocale();
  const localName = useLocalName();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => must(api.GET("/api/membership-plans")) });
  return (
    <EditableList
      title={t("plans")}
      newTitle={t("newPlan")}
      items={plans}
      list="plans"
      summary={(p) => (
        <>
          <span className="font-semibold">{localName(p.nameEn, p.nameAr)}</span>
          <span>
            {formatMoney(p.priceWithVat.total, locale)} · {formatNumber(Number(p.duration), locale)} {p.durationUnit === "Days" ? t("daysUnit") : t("months")} ·{" "}
            {p.isActive ? t("active") : t("inactive")}
          </span>
        </>
      )}
      form={(p, done) => <PlanForm plan={p} onDone={done} />}
    />
  );
}

function ClassSettings() {
  const t = useTranslations("schedule");
  const ts = useTranslations("settings");
  const tc = useTranslations("common");
  const locale = useLocale();
  const localName = useLocalName();
  const queries = useQueryClient();
  const branches = useBranches();
  const types = useQuery({ queryKey: ["class-types"], queryFn: () => must(api.GET("/api/class-types")) });
  const rooms = useQuery({ queryKey: ["rooms", "all"], queryFn: () => must(api.GET("/api/rooms")) });
  const trainers = useQuery({ queryKey: ["trainers"], queryFn: () => must(api.GET("/api/trainers")) });
  const typeForm = useApiForm();
  const roomForm = useApiForm();

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title={t("classTypes")}>
        <ul className="mb-3 divide-y divide-slate-100">
          {types.data?.map((ct) => (
            <li key={ct.id} className="p-2">
              {localName(ct.nameEn, ct.nameAr)} · {formatNumber(Number(ct.durationMinutes), locale)}′ · {formatNumber(Number(ct.defaultCapacity), locale)}
            </li>
          ))}
        </ul>
        <form
          className="space-y-2"
          data-class-type-form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const el = e.currentTarget;
            const form = new FormData(el);
            const done = await typeForm.submit(() =>
              must(
                api.POST("/api/class-types", {
                  body: {
                    nameEn: text(form, "typeNameEn") ?? "",
                    nameAr: text(form, "typeNameAr") ?? "",
                    description: null,
                    durationMinutes: Number(text(form, "typeLength") ?? 60),
                    defaultCapacity: Number(text(form, "typeCapacity") ?? 20),
                    color: null,
                    level: null,
                  },
                }),
              ),
            );
            if (done) {
              el.reset();
              await queries.invalidateQueries({ queryKey: ["class-types"] });
            }
          }}
        >
          <NameFields prefix="type" form={typeForm} />
          <Field label={t("length")} name="typeLength" error={typeForm.errors.fields.durationMinutes}>
            <input id="typeLength" name="typeLength" type="number" className={inputClass} defaultValue="60" />
          </Field>
          <Field label={t("capacity")} name="typeCapacity" error={typeForm.errors.fields.defaultCapacity}>
            <input id="typeCapacity" name="typeCapacity" type="number" className={inputClass} defaultValue="20" />
          </Field>
          <FormActions form={typeForm} label={tc("create")} action="save-class-type" />
        </form>
      </Card>
      <Card title={t("rooms")}>
        <ul className="mb-3 divide-y divide-slate-100">
          {rooms.data?.map((r) => (
            <li key={r.id} className="p-2">
              {localName(r.nameEn, r.nameAr)} · {formatNumber(Number(r.capacity), locale)}
            </li>
          ))}
        </ul>
        <form
          className="space-y-2"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const el = e.currentTarget;
            const form = new FormData(el);
            const done = await roomForm.submit(() =>
              must(
                api.POST("/api/rooms", {
                  body: {
                    branchId: text(form, "roomBranch") ?? "",
                    nameEn: text(form, "roomNameEn") ?? "",
                    nameAr: text(form, "roomNameAr") ?? "",
                    capacity: Number(text(form, "roomCapacity") ?? 20),
                  },
                }),
              ),
            );
            if (done) {
              el.reset();
              await queries.invalidateQueries({ queryKey: ["rooms"] });
            }
          }}
        >
          <Field label={t("branch")} name="roomBranch" error={roomForm.errors.fields.branchId}>
            <select id="roomBranch" name="roomBranch" className={inputClass}>
              <BranchOptions branches={branches.data} />
            </select>
          </Field>
          <NameFields prefix="room" form={roomForm} />
          <Field label={t("capacity")} name="roomCapacity" error={roomForm.errors.fields.capacity}>
            <input id="roomCapacity" name="roomCapacity" type="number" className={inputClass} defaultValue="20" />
          </Field>
          <FormActions form={roomForm} label={tc("create")} />
        </form>
      </Card>
      <Card title={t("trainers")}>
        <ul className="divide-y divide-slate-100">
          {trainers.data?.map((tr) => (
            <li key={tr.id} className="p-2">
              {localName(tr.displayNameEn, tr.displayNameAr)}
              {tr.specialities.length > 0 && <span className="text-slate-600"> · {tr.specialities.join(", ")}</span>}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

type Policy = components["schemas"]["BookingPolicyDetails"];
const POLICY_NUMBERS: (keyof Policy)[] = [
  "opensBeforeDays",
  "closesBeforeMinutes",
  "lateCancelBeforeMinutes",
  "promotionClosesBeforeMinutes",
  "reminderBeforeMinutes",
  "maxFutureBookings",
  "noShowLimit",
  "noShowBlockDays",
  "lateCancelFee",
  "noShowFee",
];

function BookingRules() {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const policy = useQuery({ queryKey: ["booking-policy"], queryFn: () => must(api.GET("/api/booking-policy")) });
  const queries = useQueryClient();
  const { errors, busy, submit } = useApiForm();
  const [saved, setSaved] = useState(false);
  if (!policy.data) return <Loading />;
  return (
    <Card title={t("bookingRules")}>
      <form
        className="grid gap-3 sm:grid-cols-3"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const body = { ...policy.data, lateCancelPenalty: String(form.get("lateCancelPenalty")) as Policy["lateCancelPenalty"] };
          for (const key of POLICY_NUMBERS) (body as Record<string, unknown>)[key] = Number(form.get(key));
          setSaved(false);
          const done = await submit(() => must(api.PUT("/api/booking-policy", { body })));
          if (done) {
            setSaved(true);
            queries.setQueryData(["booking-policy"], done);
          }
        }}
      >
        {POLICY_NUMBERS.map((key) => (
          <Field key={key} label={key} name={key} error={errors.fields[key]}>
            <input id={key} name={key} type="number" step="any" min="0" className={inputClass} defaultValue={String(policy.data[key])} dir="ltr" />
          </Field>
        ))}
        <Field label="lateCancelPenalty" name="lateCancelPenalty" error={errors.fields.lateCancelPenalty}>
          <select id="lateCancelPenalty" name="lateCancelPenalty" className={inputClass} defaultValue={policy.data.lateCancelPenalty}>
            <option value="None">None</option>
            <option value="ForfeitCredit">ForfeitCredit</option>
            <option value="Fee">Fee</option>
          </select>
        </Field>
        {errors.general && (
          <div className="sm:col-span-3">
            <ErrorNote message={errors.general} />
          </div>
        )}
        <div className="flex items-center gap-3 sm:col-span-3">
          <button type="submit" className={buttonClass} disabled={busy}>
            {tc("save")}
          </button>
          {saved && <span role="status">{tc("saved")}</span>}
        </div>
      </form>
    </Card>
  );
}

function Templates() {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const problem = useProblemMessage();
  const canManage = useCan("templates.manage");
  const templates = useQuery({ queryKey: ["templates"], queryFn: () => must(api.GET("/api/notification-templates")) });
  const [key, setKey] = useState<string>();
  const [language, setLanguage] = useState("ar");
  const { errors, busy, submit } = useApiForm();
  const [preview, setPreview] = useState<components["schemas"]["MessagePreview"]>();
  const queries = useQueryClient();
  if (templates.isLoading) return <Loading />;
  if (templates.error) return <ErrorNote message={problem(templates.error)} />;
  const chosen = templates.data?.find((x) => x.key === (key ?? templates.data[0]?.key));
  const wording = chosen?.languages.find((l) => l.language === language);

  const read = (form: HTMLFormElement) => {
    const data = new FormData(form);
    return { subject: String(data.get("subject") ?? ""), body: String(data.get("body") ?? ""), sms: String(data.get("sms") ?? "") };
  };

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title={t("templates")}>
        <ul className="space-y-1">
          {templates.data?.map((x) => (
            <li key={x.key}>
              <button
                type="button"
                onClick={() => {
                  setKey(x.key);
                  setPreview(undefined);
                }}
                className={cx("min-h-11 w-full rounded px-2 text-start", x.key === chosen?.key ? "bg-teal-50 font-semibold" : "hover:bg-slate-50")}
                dir="ltr"
              >
                {x.key}
              </button>
            </li>
          ))}
        </ul>
      </Card>
      {chosen && wording && (
        <div className="space-y-4 lg:col-span-2">
          <Card
            title={chosen.description}
            actions={
              <div className="flex gap-1">
                {chosen.languages.map((l) => (
                  <button
                    key={l.language}
                    type="button"
                    onClick={() => {
                      setLanguage(l.language);
                      setPreview(undefined);
                    }}
                    className={cx("min-h-11 rounded px-3", l.language === language ? "bg-brand text-white" : "bg-slate-100")}
                  >
                    {l.language === "ar" ? "العربية" : "English"}
                  </button>
                ))}
              </div>
            }
          >
            <form
              key={`${chosen.key}-${language}`}
              className="space-y-3"
              onSubmit={async (e) => {
                e.preventDefault();
                const body = read(e.currentTarget);
                if (await submit(() => must(api.PUT("/api/notification-templates/{key}/{language}", { params: { path: { key: chosen.key, language } }, body })))) {
                  await queries.invalidateQueries({ queryKey: ["templates"] });
                }
              }}
            >
              <p className="text-sm text-slate-600" dir="ltr">
                {chosen.variables.map((v) => `{{${v}}}`).join(" ")}
              </p>
              <Field label={t("subject")} name="subject" error={errors.fields.subject}>
                <input id="subject" name="subject" className={inputClass} defaultValue={wording.subject} dir={language === "ar" ? "rtl" : "ltr"} readOnly={!canManage} />
              </Field>
              <Field label={t("body")} name="body" error={errors.fields.body}>
                <textarea id="body" name="body" rows={6} className={inputClass} defaultValue={wording.body} dir={language === "ar" ? "rtl" : "ltr"} readOnly={!canManage} />
              </Field>
              <Field label="SMS" name="sms" error={errors.fields.sms}>
                <textarea id="sms" name="sms" rows={2} className={inputClass} defaultValue={wording.sms} dir={language === "ar" ? "rtl" : "ltr"} readOnly={!canManage} />
              </Field>
              {errors.general && <ErrorNote message={errors.general} />}
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={buttonClass}
                  disabled={busy}
                  data-action="preview"
                  onClick={async (e) => {
                    const body = read(e.currentTarget.form!);
                    const result = await submit(() => must(api.POST("/api/notification-templates/{key}/{language}/preview", { params: { path: { key: chosen.key, language } }, body })));
                    if (result) setPreview(result);
                  }}
                >
                  {t("preview")}
                </button>
                {canManage && (
                  <button type="submit" className={buttonClass} disabled={busy}>
                    {tc("save")}
                  </button>
                )}
                {canManage && wording.overridden && (
                  <button
                    type="button"
                    className={buttonClass}
                    disabled={busy}
                    onClick={async () => {
                      if (await submit(() => must(api.DELETE("/api/notification-templates/{key}/{language}", { params: { path: { key: chosen.key, language } } })).then(() => true))) {
                        await queries.invalidateQueries({ queryKey: ["templates"] });
                      }
                    }}
                  >
                    {t("resetDefault")}
                  </button>
                )}
              </div>
            </form>
          </Card>
          {preview && (
            <Card title={t("preview")}>
              <div dir={language === "ar" ? "rtl" : "ltr"} lang={language} className="space-y-2" data-preview>
                <p className="font-semibold">{preview.subject}</p>
                <div className="whitespace-pre-wrap">{preview.body}</div>
                <p className="rounded bg-slate-100 p-2 text-sm">{preview.sms}</p>
              </div>
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
