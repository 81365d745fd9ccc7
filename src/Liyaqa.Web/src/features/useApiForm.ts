"use client";
import { useState } from "react";
import { ApiError, localizeProblem, type FieldErrors } from "@/lib/problems";
import { useCatalogue, useProblemMessage } from "@/lib/hooks";

/** Runs a submission and keeps the API's refusal as messages per field plus one overall message. */
export function useApiForm() {
  const message = useProblemMessage();
  const { t, locale } = useCatalogue();
  const [errors, setErrors] = useState<FieldErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);

  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setErrors({ fields: {} });
    try {
      return await action();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(localizeProblem(error.problem, t, locale));
      } else {
        setErrors({ fields: {}, general: message(error) });
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  /** Props for an input: its error wiring. */
  const invalid = (name: string) =>
    errors.fields[name] ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};

  return { errors, busy, submit, invalid, setErrors };
}
