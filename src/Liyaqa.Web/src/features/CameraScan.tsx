"use client";
// A member's QR code read by the device's camera, where the browser has the Barcode Detection API
// (Chromium on Android, ChromeOS and macOS); elsewhere it says so, and the box still takes a USB scanner's text.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { secondaryButtonClass } from "@/components/ui";
import { qrDetector } from "@/lib/camera";

export type CameraState = "off" | "scanning" | "unsupported" | "denied";

const SCAN_EVERY_MS = 250;

/** `large`: the kiosk's touch-sized button and light text on its dark screen. */
export function CameraScan({ onCode, large = false }: { onCode: (text: string) => void; large?: boolean }) {
  const t = useTranslations("checkIn");
  const [state, setState] = useState<CameraState>("off");
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (state !== "scanning") return;
    const Detector = qrDetector(window as never);
    if (!Detector) return setState("unsupported");
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(async (media) => {
        stream = media;
        if (stopped || !video.current) return media.getTracks().forEach((track) => track.stop());
        video.current.srcObject = media;
        await video.current.play();
        const detector = new Detector({ formats: ["qr_code"] });
        timer = setInterval(async () => {
          const codes = await detector.detect(video.current!).catch(() => []);
          if (codes[0]?.rawValue && !stopped) {
            setState("off");
            onCode(codes[0].rawValue);
          }
        }, SCAN_EVERY_MS);
      })
      .catch(() => !stopped && setState("denied"));
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [state, onCode]);

  return (
    <div className="space-y-2">
      <button
        type="button"
        className={large ? "min-h-12 rounded-lg bg-slate-700 px-6 text-xl font-semibold text-white" : secondaryButtonClass}
        aria-pressed={state === "scanning"}
        onClick={() => setState(state === "scanning" ? "off" : "scanning")}
        data-action="camera-scan"
      >
        {state === "scanning" ? t("cameraStop") : t("camera")}
      </button>
      {state === "scanning" && <video ref={video} muted playsInline className="aspect-video w-full max-w-md rounded-lg bg-black" aria-label={t("camera")} />}
      {(state === "unsupported" || state === "denied") && (
        <p role="status" className={large ? "text-xl" : "text-slate-700"} data-camera-status={state}>
          {state === "unsupported" ? t("cameraUnsupported") : t("cameraDenied")}
        </p>
      )}
    </div>
  );
}
