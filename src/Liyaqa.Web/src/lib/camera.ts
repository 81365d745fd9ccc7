// What the check-in desk needs to read QR codes with the camera: the Barcode Detection API and a camera.

export interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
export type BarcodeDetectorClass = new (options?: { formats: string[] }) => BarcodeDetectorLike;

/** The browser's BarcodeDetector when it can read QR codes from a camera, else undefined. */
export function qrDetector(scope: { BarcodeDetector?: unknown; navigator?: { mediaDevices?: { getUserMedia?: unknown } } }): BarcodeDetectorClass | undefined {
  const Detector = scope.BarcodeDetector as BarcodeDetectorClass | undefined;
  return typeof Detector === "function" && typeof scope.navigator?.mediaDevices?.getUserMedia === "function" ? Detector : undefined;
}
