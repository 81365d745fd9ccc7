"use client";
import { useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Link } from "@/i18n/navigation";
import { Field, inputClass, buttonClass } from "@/components/ui";

type Outcome = { kind: "invalid" | "locked" | "suspended" | "unreachable" | "missingClub" } | { kind: "rateLimited"; seconds: number };

export function SignInForm() {
  const t = useTranslations("signIn");
  const tc = useTranslations("common");
  const locale = useLocale();
  const next = useSearchParams().get("next");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const clubInput = useRef<HTMLInputElement>(null);
  // The club typed last time on this device.
  useEffect(() => {
    const saved = localStorage.getItem("liyaqa.club");
    if (saved && clubInput.current && !clubInput.current.value) clubInput.current.value = saved;
  }, []);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const club = String(form.get("club") ?? "").trim();
    if (!club) return setOutcome({ kind: "missingClub" });
    setBusy(true);
    setOutcome(null);
    try {
      const response = await fetch("/api/session", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ club, email: form.get("email"), password: form.get("password") }),
      });
      if (response.ok) {
        localStorage.setItem("liyaqa.club", club);
        window.location.assign(next?.startsWith(`/${locale}`) ? next : `/${locale}`);
        return;
      }
      const problem = (await response.json().catch(() => ({}))) as { retryAfter?: number; detail?: string };
      if (response.status === 429) setOutcome({ kind: "rateLimited", seconds: problem.retryAfter ?? 60 });
      else if (response.status === 423) setOutcome({ kind: "locked" });
      else if (response.status === 403) setOutcome({ kind: "suspended" });
      else if (response.status >= 500) setOutcome({ kind: "unreachable" });
      else setOutcome({ kind: "invalid" });
    } catch {
      setOutcome({ kind: "unreachable" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="w-full max-w-sm space-y-4 rounded-xl bg-white p-6 shadow" noValidate>
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <Link href="/sign-in" locale={locale === "ar" ? "en" : "ar"} className="text-sm text-brand underline">
          {tc("language")}
        </Link>
      </div>
      <Field label={t("club")} name="club">
        <input id="club" name="club" className={inputClass} autoComplete="organization" ref={clubInput} required />
      </Field>
      <Field label={t("email")} name="email">
        <input id="email" name="email" type="email" dir="ltr" className={inputClass} autoComplete="username" required />
      </Field>
      <Field label={t("password")} name="password">
        <input id="password" name="password" type="password" dir="ltr" className={inputClass} autoComplete="current-password" required />
      </Field>
      {outcome && (
        <p role="alert" data-outcome={outcome.kind} className="rounded bg-red-50 p-3 text-sm text-red-800">
          {outcome.kind === "rateLimited" ? t("rateLimited", { seconds: outcome.seconds }) : t(outcome.kind)}
        </p>
      )}
      <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
        {t("submit")}
      </button>
    </form>
  );
}
