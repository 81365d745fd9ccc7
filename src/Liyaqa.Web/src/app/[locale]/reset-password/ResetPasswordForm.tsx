"use client";
// Where the emailed set-password link (a reset or an invitation) lands.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Link } from "@/i18n/navigation";
import { localizeProblem } from "@/lib/problems";
import { useCatalogue } from "@/lib/hooks";
import { buttonClass, Field, inputClass } from "@/components/ui";

export function ResetPasswordForm() {
  const t = useTranslations("resetPassword");
  const query = useSearchParams();
  const catalogue = useCatalogue();
  const [state, setState] = useState<{ done?: boolean; error?: string; busy?: boolean }>({});

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ busy: true });
    const password = String(new FormData(event.currentTarget).get("newPassword") ?? "");
    const response = await fetch("/api/auth/password-reset/complete", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: query.get("token"), newPassword: password }),
    }).catch(() => null);
    if (response?.ok) return setState({ done: true });
    const problem = response ? await response.json().catch(() => ({})) : {};
    const mapped = localizeProblem(problem, catalogue.t, catalogue.locale);
    setState({ error: mapped.fields.token ? t("failed") : (Object.values(mapped.fields)[0] ?? t("failed")) });
  }

  return (
    <form onSubmit={submit} className="w-full max-w-sm space-y-4 rounded-xl bg-white p-6 shadow" noValidate>
      <h1 className="text-xl font-bold">{t("title")}</h1>
      {state.done ? (
        <p role="status">
          {t("done")}{" "}
          <Link href="/sign-in" className="text-brand underline">
            {t("signIn")}
          </Link>
        </p>
      ) : (
        <>
          <Field label={t("newPassword")} name="newPassword" error={state.error}>
            <input id="newPassword" name="newPassword" type="password" dir="ltr" className={inputClass} autoComplete="new-password" />
          </Field>
          <button type="submit" className={`${buttonClass} w-full`} disabled={state.busy}>
            {t("submit")}
          </button>
        </>
      )}
    </form>
  );
}
