"use client";
// The entrance tablet: members scan their own QR code; staff options sit behind a PIN; after 30 s
// without a touch or key the kiosk goes back to its start screen. Every target is at least 48 px.
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "@/i18n/navigation";
import { useLocalName } from "@/lib/hooks";
import { CheckInAnswer, identify, Occupancy, useCheckIn, useDeskBranch } from "./checkIn";
import { CameraScan } from "./CameraScan";

export const IDLE_RESET_MS = 30_000;
const PIN_KEY = "liyaqa.kiosk-pin";

async function digest(pin: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`liyaqa-kiosk:${pin}`));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

const big = "min-h-12 min-w-12 rounded-lg px-6 py-3 text-xl font-bold";

export function Kiosk() {
  const t = useTranslations("kiosk");
  const router = useRouter();
  const localName = useLocalName();
  const desk = useDeskBranch();
  const checkIn = useCheckIn(desk.branchId);
  const [pinSet, setPinSet] = useState<boolean | null>(null);
  const [askPin, setAskPin] = useState(false);
  const [wrongPin, setWrongPin] = useState(false);
  const scan = useRef<HTMLInputElement>(null);

  useEffect(() => setPinSet(Boolean(localStorage.getItem(PIN_KEY))), []);

  const reset = useCallback(() => {
    checkIn.reset();
    setAskPin(false);
    setWrongPin(false);
    setTimeout(() => scan.current?.focus(), 0);
  }, [checkIn]);

  // Back to the start screen after 30 s idle.
  useEffect(() => {
    let timer = setTimeout(reset, IDLE_RESET_MS);
    const activity = () => {
      clearTimeout(timer);
      timer = setTimeout(reset, IDLE_RESET_MS);
    };
    const events = ["pointerdown", "keydown", "touchstart"] as const;
    events.forEach((e) => window.addEventListener(e, activity));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, activity));
    };
  }, [reset]);

  const branch = desk.branches.find((b) => b.id === desk.branchId);
  if (pinSet === null) return null;
  if (!pinSet) {
    return (
      <main className="flex min-h-screen items-center justify-center bg-slate-900 p-6 text-white">
        <form
          className="w-full max-w-sm space-y-4"
          onSubmit={async (e) => {
            e.preventDefault();
            const pin = String(new FormData(e.currentTarget).get("newPin") ?? "");
            if (pin.length < 4) return;
            localStorage.setItem(PIN_KEY, await digest(pin));
            setPinSet(true);
          }}
        >
          <label htmlFor="newPin" className="block text-2xl font-bold">
            {t("setPin")}
          </label>
          <input id="newPin" name="newPin" type="password" inputMode="numeric" minLength={4} className="min-h-12 w-full rounded-lg px-4 text-2xl text-slate-900" autoFocus />
          <button type="submit" className={`${big} w-full bg-teal-600`} data-action="start-kiosk">
            {t("start")}
          </button>
        </form>
      </main>
    );
  }

  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-8 bg-slate-900 p-6 text-center text-white" onClick={() => !askPin && scan.current?.focus()}>
      <h1 className="text-5xl font-extrabold">{t("title")}</h1>
      <p className="text-2xl">{t("scanHere")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const value = scan.current?.value.trim() ?? "";
          if (scan.current) scan.current.value = "";
          if (value) checkIn.mutate(identify(value));
        }}
      >
        <label htmlFor="kiosk-scan" className="sr-only">
          {t("scanHere")}
        </label>
        <input id="kiosk-scan" ref={scan} autoFocus autoComplete="off" className="min-h-12 w-80 rounded-lg px-4 text-center text-xl text-slate-900" data-kiosk-scan />
      </form>
      <CameraScan large onCode={(text) => checkIn.mutate(identify(text))} />
      {branch && <p className="text-xl">{localName(branch.nameEn, branch.nameAr)}</p>}
      <Occupancy branchId={desk.branchId} />
      <div className="fixed bottom-4 end-4">
        {askPin ? (
          <form
            className="flex items-center gap-2 rounded-lg bg-slate-800 p-3"
            onSubmit={async (e) => {
              e.preventDefault();
              const pin = String(new FormData(e.currentTarget).get("pin") ?? "");
              if ((await digest(pin)) === localStorage.getItem(PIN_KEY)) router.push("/check-in");
              else setWrongPin(true);
            }}
          >
            <label htmlFor="pin" className="sr-only">
              {t("pin")}
            </label>
            <input id="pin" name="pin" type="password" inputMode="numeric" placeholder={t("pin")} className="min-h-12 w-40 rounded-lg px-3 text-xl text-slate-900" autoFocus />
            <button type="submit" className={`${big} bg-teal-600`}>
              {t("unlock")}
            </button>
            {wrongPin && <span role="alert">{t("wrongPin")}</span>}
          </form>
        ) : (
          <button type="button" className={`${big} bg-slate-700`} onClick={() => setAskPin(true)} data-action="kiosk-staff">
            {t("staff")}
          </button>
        )}
      </div>
      {(checkIn.data || checkIn.error) && <CheckInAnswer result={checkIn.data} error={checkIn.error} onDismiss={reset} />}
    </main>
  );
}
