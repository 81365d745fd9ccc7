"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "@/i18n/navigation";
import { api, must } from "@/lib/api";
import { useBranches } from "@/lib/hooks";
import { buttonClass, ErrorNote, Field, inputClass, Loading } from "@/components/ui";
import { BranchOptions } from "@/components/BranchOptions";
import { useApiForm } from "./useApiForm";
import type { components } from "@/lib/api-types";

type Member = components["schemas"]["MemberResponse"];
type Body = components["schemas"]["CreateMemberRequest"];

const TEXT_FIELDS = ["firstNameEn", "lastNameEn", "firstNameAr", "lastNameAr", "email", "phone", "nationalId"] as const;

export function MemberFormScreen({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const member = useQuery({
    queryKey: ["member", id],
    queryFn: () => must(api.GET("/api/members/{id}", { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  if (id && member.isLoading) return <Loading />;
  return <MemberForm member={member.data} />;
}

function MemberForm({ member }: { member?: Member }) {
  const t = useTranslations("memberForm");
  const tc = useTranslations("common");
  const router = useRouter();
  const queries = useQueryClient();
  const branches = useBranches();
  const { errors, busy, submit, invalid } = useApiForm();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => (String(form.get(name) ?? "").trim() || null);
    const body: Body = {
      firstNameEn: text("firstNameEn"),
      lastNameEn: text("lastNameEn"),
      firstNameAr: text("firstNameAr"),
      lastNameAr: text("lastNameAr"),
      email: text("email"),
      phone: text("phone"),
      gender: (text("gender") ?? "Unspecified") as Body["gender"],
      dateOfBirth: text("dateOfBirth"),
      nationalId: text("nationalId"),
      emergencyContactName: member?.emergencyContactName ?? null,
      emergencyContactPhone: member?.emergencyContactPhone ?? null,
      homeBranchId: text("homeBranchId"),
      tags: member?.tags ?? null,
      notes: text("notes"),
      language: text("language") ?? "ar",
    };
    const saved = await submit(() =>
      member
        ? must(api.PUT("/api/members/{id}", { params: { path: { id: member.id } }, body }))
        : must(api.POST("/api/members", { body })),
    );
    if (saved) {
      await queries.invalidateQueries({ queryKey: ["members"] });
      queries.setQueryData(["member", saved.id], saved);
      router.push(`/members/${saved.id}`);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-4 rounded-xl bg-white p-4 shadow-sm" data-member-form>
      <h1 className="text-2xl font-bold">{member ? t("editTitle") : t("createTitle")}</h1>
      <div className="grid gap-4 sm:grid-cols-2">
        {TEXT_FIELDS.map((name) => (
          <Field key={name} label={t(name)} name={name} error={errors.fields[name]}>
            <input
              id={name}
              name={name}
              className={inputClass}
              defaultValue={member?.[name] ?? ""}
              dir={["email", "phone", "nationalId", "firstNameEn", "lastNameEn"].includes(name) ? "ltr" : name.endsWith("Ar") ? "rtl" : undefined}
              type={name === "email" ? "email" : name === "phone" ? "tel" : "text"}
              {...invalid(name)}
            />
          </Field>
        ))}
        <Field label={t("gender")} name="gender" error={errors.fields.gender}>
          <select id="gender" name="gender" className={inputClass} defaultValue={member?.gender ?? "Unspecified"}>
            <option value="Unspecified">{t("none")}</option>
            <option value="Male">{t("male")}</option>
            <option value="Female">{t("female")}</option>
          </select>
        </Field>
        <Field label={t("dateOfBirth")} name="dateOfBirth" error={errors.fields.dateOfBirth}>
          <input id="dateOfBirth" name="dateOfBirth" type="date" className={inputClass} defaultValue={member?.dateOfBirth ?? ""} {...invalid("dateOfBirth")} />
        </Field>
        <Field label={t("homeBranch")} name="homeBranchId" error={errors.fields.homeBranchId}>
          <select id="homeBranchId" name="homeBranchId" className={inputClass} defaultValue={member?.homeBranchId ?? branches.data?.[0]?.id ?? ""}>
            <option value="">{t("none")}</option>
            <BranchOptions branches={branches.data} />
          </select>
        </Field>
        <Field label={t("language")} name="language">
          <select id="language" name="language" className={inputClass} defaultValue={member?.language ?? "ar"}>
            <option value="ar">العربية</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field label={t("notes")} name="notes" error={errors.fields.notes} className="sm:col-span-2">
          <textarea id="notes" name="notes" className={inputClass} defaultValue={member?.notes ?? ""} rows={3} />
        </Field>
      </div>
      {errors.general && <ErrorNote message={errors.general} />}
      <button type="submit" className={buttonClass} disabled={busy} data-action="save-member">
        {tc("save")}
      </button>
    </form>
  );
}
