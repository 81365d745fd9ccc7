import { describe, expect, it } from "vitest";
import { qrDetector } from "@/lib/camera";

describe("camera QR scan", () => {
  const camera = { mediaDevices: { getUserMedia: () => Promise.resolve() } };

  it("uses the browser's BarcodeDetector when there is also a camera", () => {
    class BarcodeDetector {}
    expect(qrDetector({ BarcodeDetector, navigator: camera })).toBe(BarcodeDetector);
  });

  it("falls back when the browser has no BarcodeDetector or no camera", () => {
    expect(qrDetector({ navigator: camera })).toBeUndefined();
    expect(qrDetector({ BarcodeDetector: class {}, navigator: {} })).toBeUndefined();
  });
});
