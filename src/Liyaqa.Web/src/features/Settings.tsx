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
import { buttonClass, Card, ErrorNote, Field, inputClass, Loading } from "@/components/ui";
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

function ClubProfile() {
  const t = useTranslations("settings");
  const locale = useLocale();
  const me = useMe();
  if (!me.data) return <Loading />;
  const club = me.data.tenant;
  return (
    <Card title={t("club")}>
      <dl className="grid gap-2 sm:grid-cols-2">
        <dt className="text-slate-600">{t("nameEn")}</dt>
        <dd data-club-name>{club.name}</dd>
        <dt className="text-slate-600">ID</dt>
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

function Branches() {
  const t = useTranslations("settings");
  const ts = useTranslations("schedule");
  const tc = useTranslations("common");
  const localName = useLocalName();
  const branches = useBranches();
  const queries = useQueryClient();
  const { errors, busy, submit, invalid } = useApiForm();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const opens = text(form, "opens");
    const closes = text(form, "closes");
    const days = form.getAll("openDays").map(String) as DayOfWeek[];
    const done = await submit(() =>
      must(
        api.POST("/api/branches", {
          body: {
            nameEn: text(form, "branchNameEn") ?? "",
            nameAr: text(form, "branchNameAr") ?? "",
            address: text(form, "address"),
            timeZone: null,
            openingHours: opens && closes ? days.map((day) => ({ day, opens: `${opens}:00`, closes: `${closes}:00` })) : [],
          },
        }),
      ),
    );
    if (done) {
      formElement.reset();
      await queries.invalidateQueries({ queryKey: ["branches"] });
    }
  }

  return (
    <div className="space-y-4">
      <Card title={t("branches")}>
        <ul className="divide-y divide-slate-100">
          {branches.data?.map((b) => (
            <li key={b.id} className="flex justify-between p-2">
              <span>{localName(b.nameEn, b.nameAr)}</span>
              <span className="text-slate-600">
                {b.openingHours.length === 0 ? t("alwaysOpen") : b.openingHours.map((h) => `${ts(`weekdays.${h.day}`)} ${h.opens.slice(0, 5)}–${h.closes.slice(0, 5)}`).join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("newBranch")}>
        <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-3" noValidate>
          <Field label={t("nameEn")} name="branchNameEn" error={errors.fields.nameEn}>
            <input id="branchNameEn" name="branchNameEn" className={inputClass} {...invalid("nameEn")} />
          </Field>
          <Field label={t("nameAr")} name="branchNameAr" error={errors.fields.nameAr}>
            <input id="branchNameAr" name="branchNameAr" className={inputClass} dir="rtl" {...invalid("nameAr")} />
          </Field>
          <Field label="Address" name="address" error={errors.fields.address}>
            <input id="address" name="address" className={inputClass} />
          </Field>
          <fieldset className="sm:col-span-3">
            <legend className="text-sm font-medium">{t("openingHours")}</legend>
            <div className="flex flex-wrap items-center gap-3">
              {DAYS.map((d) => (
                <label key={d} className="flex min-h-11 items-center gap-1">
                  <input type="checkbox" name="openDays" value={d} defaultChecked /> {ts(`weekdays.${d}`)}
                </label>
              ))}
              <label className="flex items-center gap-1">
                {ts("from")} <input name="opens" type="time" className={inputClass} aria-label={ts("from")} />
              </label>
              <label className="flex items-center gap-1">
                {ts("to")} <input name="closes" type="time" className={inputClass} aria-label={ts("to")} />
              </label>
            </div>
            {errors.fields.openingHours && <p className="text-sm text-red-700">{errors.fields.openingHours}</p>}
          </fieldset>
          {errors.general && <ErrorNote message={errors.general} />}
          <div>
            <button type="submit" className={buttonClass} disabled={busy}>
              {tc("create")}
            </button>
          </div>
        </form>
      </Card>
    </div>
  );
}

function Plans() {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const locale = useLocale();
  const localName = useLocalName();
  const queries = useQueryClient();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => must(api.GET("/api/membership-plans")) });
  const { errors, busy, submit, invalid } = useApiForm();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const kind = (text(form, "kind") ?? "TimeBased") as components["schemas"]["PlanKind"];
    const done = await submit(() =>
      must(
        api.POST("/api/membership-plans", {
          body: {
            nameEn: text(form, "planNameEn") ?? "",
            nameAr: text(form, "planNameAr") ?? "",
            kind,
            duration: Number(text(form, "duration") ?? 1),
            durationUnit: (text(form, "durationUnit") ?? "Months") as components["schemas"]["DurationUnit"],
            visits: kind === "VisitPack" ? Number(text(form, "visits") ?? 0) : null,
            price: Number(text(form, "price") ?? 0),
            priceIncludesVat: form.get("priceIncludesVat") === "on",
            joiningFee: Number(text(form, "joiningFee") ?? 0),
            terms: {
              allBranches: true,
              branchIds: [],
              accessFrom: null,
              accessUntil: null,
              classCredits: text(form, "classCredits") ? Number(text(form, "classCredits")) : null,
              maxFreezesPerYear: Number(text(form, "maxFreezes") ?? 0),
              minFreezeDays: Number(text(form, "minFreezeDays") ?? 0),
              maxFreezeDays: Number(text(form, "maxFreezeDays") ?? 0),
            },
          },
        }),
      ),
    );
    if (done) {
      formElement.reset();
      await queries.invalidateQueries({ queryKey: ["plans"] });
    }
  }

  const num = (name: string, label: string, value: string, error?: string) => (
    <Field label={label} name={name} error={error}>
      <input id={name} name={name} type="number" min="0" step="any" className={inputClass} defaultValue={value} />
    </Field>
  );

  return (
    <div className="space-y-4">
      <Card title={t("plans")}>
        {plans.isLoading ? (
          <Loading />
        ) : (
          <ul className="divide-y divide-slate-100" data-plans>
            {plans.data?.map((p) => (
              <li key={p.id} className="flex justify-between p-2">
                <span>{localName(p.nameEn, p.nameAr)}</span>
                <span>
                  {formatMoney(p.priceWithVat.total, locale)} · {formatNumber(Number(p.duration), locale)} {p.durationUnit} · {p.isActive ? t("active") : t("inactive")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("newPlan")}>
        <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-4" noValidate data-plan-form>
          <Field label={t("nameEn")} name="planNameEn" error={errors.fields.nameEn}>
            <input id="planNameEn" name="planNameEn" className={inputClass} {...invalid("nameEn")} />
          </Field>
          <Field label={t("nameAr")} name="planNameAr" error={errors.fields.nameAr}>
            <input id="planNameAr" name="planNameAr" className={inputClass} dir="rtl" {...invalid("nameAr")} />
          </Field>
          <Field label={t("kind")} name="kind" error={errors.fields.kind}>
            <select id="kind" name="kind" className={inputClass}>
              <option value="TimeBased">TimeBased</option>
              <option value="VisitPack">VisitPack</option>
              <option value="RecurringMonthly">RecurringMonthly</option>
            </select>
          </Field>
          <Field label={t("duration")} name="duration" error={errors.fields.duration}>
            <div className="flex gap-2">
              <input id="duration" name="duration" type="number" min="1" className={inputClass} defaultValue="1" />
              <select name="durationUnit" className={inputClass} aria-label={t("duration")}>
                <option value="Months">Months</option>
                <option value="Days">Days</option>
              </select>
            </div>
          </Field>
          {num("price", t("price"), "300", errors.fields.price)}
          {num("joiningFee", "Joining fee", "0", errors.fields.joiningFee)}
          {num("visits", t("visits"), "", errors.fields.visits)}
          {num("classCredits", "Class credits", "", errors.fields["terms.classCredits"])}
          {num("maxFreezes", "Freezes / year", "2", errors.fields["terms.maxFreezesPerYear"])}
          {num("minFreezeDays", "Min freeze days", "1", errors.fields["terms.minFreezeDays"])}
          {num("maxFreezeDays", "Max freeze days", "30", errors.fields["terms.maxFreezeDays"])}
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="priceIncludesVat" defaultChecked /> VAT included
          </label>
          {errors.general && (
            <div className="sm:col-span-4">
              <ErrorNote message={errors.general} />
            </div>
          )}
          <div>
            <button type="submit" className={buttonClass} disabled={busy} data-action="save-plan">
              {tc("create")}
            </button>
          </div>
        </form>
      </Card>
    </div>
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
          <Field label={ts("nameEn")} name="typeNameEn" error={typeForm.errors.fields.nameEn}>
            <input id="typeNameEn" name="typeNameEn" className={inputClass} />
          </Field>
          <Field label={ts("nameAr")} name="typeNameAr" error={typeForm.errors.fields.nameAr}>
            <input id="typeNameAr" name="typeNameAr" className={inputClass} dir="rtl" />
          </Field>
          <Field label={t("length")} name="typeLength" error={typeForm.errors.fields.durationMinutes}>
            <input id="typeLength" name="typeLength" type="number" className={inputClass} defaultValue="60" />
          </Field>
          <Field label={t("capacity")} name="typeCapacity" error={typeForm.errors.fields.defaultCapacity}>
            <input id="typeCapacity" name="typeCapacity" type="number" className={inputClass} defaultValue="20" />
          </Field>
          {typeForm.errors.general && <ErrorNote message={typeForm.errors.general} />}
          <button type="submit" className={buttonClass} disabled={typeForm.busy} data-action="save-class-type">
            {tc("create")}
          </button>
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
          <Field label={ts("nameEn")} name="roomNameEn" error={roomForm.errors.fields.nameEn}>
            <input id="roomNameEn" name="roomNameEn" className={inputClass} />
          </Field>
          <Field label={ts("nameAr")} name="roomNameAr" error={roomForm.errors.fields.nameAr}>
            <input id="roomNameAr" name="roomNameAr" className={inputClass} dir="rtl" />
          </Field>
          <Field label={t("capacity")} name="roomCapacity" error={roomForm.errors.fields.capacity}>
            <input id="roomCapacity" name="roomCapacity" type="number" className={inputClass} defaultValue="20" />
          </Field>
          {roomForm.errors.general && <ErrorNote message={roomForm.errors.general} />}
          <button type="submit" className={buttonClass} disabled={roomForm.busy}>
            {tc("create")}
          </button>
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
