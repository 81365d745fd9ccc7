// Small building blocks shared by the screens: fields with their error, buttons, states.
"use client";
import { useTranslations } from "next-intl";
import { cx } from "@/lib/cx";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base focus:border-brand aria-[invalid=true]:border-red-600";
export const buttonClass =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-60";
export const dangerButtonClass =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60";

export function Field({ label, name, error, children, className }: { label: string; name: string; error?: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cx("space-y-1", className)}>
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${name}-error`} data-field-error={name} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function Loading() {
  const t = useTranslations("common");
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-2">
      <span className="sr-only">{t("loading")}</span>
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-10 animate-pulse rounded bg-slate-200" />
      ))}
    </div>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const t = useTranslations("common");
  return <p data-empty className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">{children ?? t("empty")}</p>;
}

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useTranslations("common");
  return (
    <div role="alert" className="flex items-center justify-between gap-4 rounded bg-red-50 p-3 text-red-800">
      <span>{message}</span>
      {onRetry && (
        <button type="button" onClick={onRetry} className={secondaryButtonClass}>
          {t("retry")}
        </button>
      )}
    </div>
  );
}

export function Card({ title, children, actions }: { title?: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section className="rounded-xl bg-white p-4 shadow-sm">
      {(title || actions) && (
        <div className="mb-3 flex items-center justify-between gap-2">
          {title && <h2 className="text-lg font-semibold">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  Active: "bg-green-100 text-green-900",
  Trial: "bg-sky-100 text-sky-900",
  Frozen: "bg-indigo-100 text-indigo-900",
  Expiring: "bg-amber-100 text-amber-900",
  Expired: "bg-slate-200 text-slate-800",
  Cancelled: "bg-red-100 text-red-900",
  Lead: "bg-purple-100 text-purple-900",
};

export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("members.statuses");
  return (
    <span data-status={status} className={cx("inline-block rounded-full px-2.5 py-0.5 text-sm font-semibold", STATUS_COLOURS[status] ?? "bg-slate-100")}>
      {t.has(status as "Active") ? t(status as "Active") : status}
    </span>
  );
}
