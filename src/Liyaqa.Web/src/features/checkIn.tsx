"use client";
// What the check-in desk and the kiosk share: the branch at this desk, the check-in call, and the
// full-screen answer (green allowed, red denied with the reason in the staff's language).
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { api, must } from "@/lib/api";
import { useBranches, useLocalName, useMemberName, useProblemMessage } from "@/lib/hooks";
import { formatDay, formatNumber } from "@/lib/format";
import { cx } from "@/lib/cx";
import type { components } from "@/lib/api-types";

export type CheckInResult = components["schemas"]["CheckInResponse"];
export type Identify = { memberId: string } | { memberNumber: string } | { qrToken: string };

/** A typed or scanned text: a member number (M-000042 or 42) or else the member app's QR code. */
export function identify(text: string): Identify {
  const trimmed = text.trim();
  const number = /^(?:M-?)?(\d{1,9})$/i.exec(trimmed);
  return number ? { memberNumber: `M-${number[1]!.padStart(6, "0")}` } : { qrToken: trimmed };
}

export function useDeskBranch() {
  const branches = useBranches();
  const [branchId, setBranchId] = useState<string>("");
  useEffect(() => {
    const saved = localStorage.getItem("liyaqa.desk-branch");
    const active = branches.data?.filter((b) => b.isActive) ?? [];
    if (active.length && !branchId) setBranchId(active.find((b) => b.id === saved)?.id ?? active[0]!.id);
  }, [branches.data, branchId]);
  const choose = (id: string) => {
    localStorage.setItem("liyaqa.desk-branch", id);
    setBranchId(id);
  };
  return { branches: branches.data?.filter((b) => b.isActive) ?? [], branchId, choose };
}

export function useOccupancy(branchId: string) {
  return useQuery({
    queryKey: ["occupancy", branchId],
    queryFn: () => must(api.GET("/api/branches/{id}/occupancy", { params: { path: { id: branchId } } })),
    enabled: Boolean(branchId),
    refetchInterval: 15_000,
  });
}

export function useCheckIn(branchId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (who: Identify) => must(api.POST("/api/check-ins", { body: { branchId, memberId: null, memberNumber: null, qrToken: null, ...who } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["occupancy", branchId] }),
  });
}

export function Occupancy({ branchId }: { branchId: string }) {
  const t = useTranslations("checkIn");
  const locale = useLocale();
  const occupancy = useOccupancy(branchId);
  if (!occupancy.data) return null;
  return (
    <p className="text-lg font-semibold" data-occupancy={Number(occupancy.data.inside)}>
      {t("occupancy", { count: Number(occupancy.data.inside), n: formatNumber(Number(occupancy.data.inside), locale) })}
    </p>
  );
}

/** The full-screen answer; any key or a tap dismisses it. */
export function CheckInAnswer({ result, error, onDismiss }: { result?: CheckInResult; error?: unknown; onDismiss: () => void }) {
  const t = useTranslations("checkIn");
  const tp = useTranslations("profile");
  const locale = useLocale();
  const memberName = useMemberName();
  const localName = useLocalName();
  const problem = useProblemMessage();

  useEffect(() => {
    const dismiss = () => onDismiss();
    const timer = setTimeout(dismiss, 8_000);
    window.addEventListener("keydown", dismiss);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("keydown", dismiss);
    };
  }, [onDismiss]);

  const allowed = result?.allowed === true;
  const reason =
    result && !allowed
      ? result.reason && t.has(`reasons.${result.reason}` as "reasons.no-visits-left")
        ? t(`reasons.${result.reason}` as "reasons.no-visits-left")
        : (locale === "ar" ? result.messageAr : result.message) ?? ""
      : error
        ? problem(error)
        : "";
  return (
    <div
      role="alertdialog"
      aria-live="assertive"
      aria-labelledby="check-in-verdict"
      data-check-in-result={allowed ? "allowed" : "denied"}
      onClick={onDismiss}
      className={cx("fixed inset-0 z-40 flex cursor-pointer flex-col items-center justify-center gap-6 p-8 text-center text-white", allowed ? "bg-green-700" : "bg-red-700")}
    >
      <p id="check-in-verdict" className="text-6xl font-extrabold">
        {allowed ? t("allowed") : t("denied")}
      </p>
      {result && <p className="text-4xl font-bold">{memberName(result.member)}</p>}
      {result && (
        <p className="text-2xl" dir="ltr">
          {result.member.number}
        </p>
      )}
      {reason && (
        <p className="text-3xl" data-check-in-reason={result?.reason ?? "error"}>
          {reason}
        </p>
      )}
      {allowed && result?.subscription && (
        <div className="space-y-2 text-2xl">
          <p>
            {localName(result.subscription.planNameEn, result.subscription.planNameAr)} · {formatDay(result.subscription.endDate, locale)}
          </p>
          {result.subscription.visitsLeft != null && <p data-visits-left>{tp("visitsLeft", { count: Number(result.subscription.visitsLeft), n: formatNumber(Number(result.subscription.visitsLeft), locale) })}</p>}
        </div>
      )}
      <button type="button" className="min-h-12 rounded-lg bg-white px-8 py-3 text-xl font-bold text-slate-900" onClick={onDismiss} autoFocus>
        {t("again")}
      </button>
    </div>
  );
}
