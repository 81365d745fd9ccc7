"use client";
import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import { useMe } from "@/lib/hooks";
import { navigationFor } from "@/lib/permissions";
import { cx } from "@/lib/cx";
import { ApiError } from "@/lib/problems";
import { Loading } from "./ui";

/** The staff console's frame: the navigation this user's roles allow, the language switch and sign-out. */
export function AppShell({ children }: { children: React.ReactNode }) {
  const t = useTranslations("nav");
  const tc = useTranslations("common");
  const locale = useLocale();
  const pathname = usePathname();
  const me = useMe();

  if (me.error instanceof ApiError && me.error.problem.status === 401) {
    if (typeof window !== "undefined") window.location.assign(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}${pathname}`)}`);
    return null;
  }
  // The kiosk is a screen of its own, without the console around it.
  if (pathname.startsWith("/kiosk")) return <>{children}</>;

  const items = navigationFor((me.data?.roles ?? []) as string[]);
  async function signOut() {
    await fetch("/api/session", { method: "DELETE" });
    window.location.assign(`/${locale}/sign-in`);
  }

  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="bg-slate-900 text-white md:w-56 md:shrink-0">
        <div className="flex items-center justify-between p-4">
          <span className="text-xl font-bold">{tc("appName")}</span>
        </div>
        <nav aria-label={tc("appName")}>
          <ul className="flex flex-wrap gap-1 px-2 pb-2 md:flex-col">
            {items.map((item) => {
              const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
              return (
                <li key={item.key}>
                  <Link
                    href={item.href}
                    data-nav={item.key}
                    aria-current={active ? "page" : undefined}
                    className={cx("block rounded px-3 py-2", active ? "bg-brand font-semibold" : "hover:bg-slate-800")}
                  >
                    {t(item.key)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-4 py-2">
          <span className="text-sm text-slate-700" data-me>
            {me.data ? `${me.data.displayName} · ${me.data.tenant.name}` : ""}
          </span>
          <Link href={pathname} locale={locale === "ar" ? "en" : "ar"} className="text-sm text-brand underline" data-switch-locale>
            {tc("language")}
          </Link>
          <button type="button" onClick={signOut} className="text-sm text-slate-700 underline" data-sign-out>
            {tc("signOut")}
          </button>
        </header>
        <main className="flex-1 p-4">{me.isLoading ? <Loading /> : children}</main>
      </div>
    </div>
  );
}
