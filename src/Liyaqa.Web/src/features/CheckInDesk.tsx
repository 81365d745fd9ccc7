"use client";
import { useCallback, useRef } from "react";
import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui";
import { MemberSearch } from "./MemberSearch";
import { CameraScan } from "./CameraScan";
import { CheckInAnswer, identify, Occupancy, useCheckIn, useDeskBranch } from "./checkIn";
import { BranchOptions } from "@/components/BranchOptions";

/** The front desk: one big box for a name, phone, number or a USB scanner's QR text (keyboard only), or the camera. */
export function CheckInDesk() {
  const t = useTranslations("checkIn");
  const desk = useDeskBranch();
  const checkIn = useCheckIn(desk.branchId);
  const box = useRef<HTMLDivElement>(null);
  const { mutate } = checkIn;
  const scanned = useCallback((text: string) => mutate(identify(text)), [mutate]);
  const dismiss = useCallback(() => {
    checkIn.reset();
    setTimeout(() => box.current?.querySelector("input")?.focus(), 0);
  }, [checkIn]);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <label className="flex items-center gap-2">
          <span>{t("branch")}</span>
          <select className={inputClass} value={desk.branchId} onChange={(e) => desk.choose(e.target.value)} data-desk-branch>
            <BranchOptions branches={desk.branches} />
          </select>
        </label>
      </div>
      <div ref={box}>
        <MemberSearch big autoFocus label={t("prompt")} onChoose={(m) => checkIn.mutate({ memberId: m.id })} onSubmitText={(text) => checkIn.mutate(identify(text))} />
      </div>
      <CameraScan onCode={scanned} />
      <Occupancy branchId={desk.branchId} />
      {(checkIn.data || checkIn.error) && <CheckInAnswer result={checkIn.data} error={checkIn.error} onDismiss={dismiss} />}
    </div>
  );
}
