"use client";
import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

/**
 * Shows "offline" when the browser has no network or the server stops answering its health probe,
 * and hides itself (refetching everything) as soon as it answers again.
 */
export function OfflineBanner() {
  const t = useTranslations("common");
  const queries = useQueryClient();
  const [down, setDown] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const probe = async () => {
      let ok = navigator.onLine;
      if (ok) {
        try {
          ok = (await fetch("/api/health", { cache: "no-store" })).ok;
        } catch {
          ok = false;
        }
      }
      if (stopped) return;
      setDown((wasDown) => {
        if (wasDown && ok) void queries.invalidateQueries();
        return !ok;
      });
      timer = setTimeout(probe, ok ? 15_000 : 3_000);
    };
    const now = () => {
      clearTimeout(timer);
      void probe();
    };
    window.addEventListener("online", now);
    window.addEventListener("offline", now);
    void probe();
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener("online", now);
      window.removeEventListener("offline", now);
    };
  }, [queries]);

  if (!down) return null;
  return (
    <div role="alert" className="sticky top-0 z-50 bg-amber-600 px-4 py-2 text-center font-semibold text-white">
      {t("offline")}
    </div>
  );
}
