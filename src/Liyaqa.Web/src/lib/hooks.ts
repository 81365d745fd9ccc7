"use client";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { api, must } from "./api";
import { ApiError } from "./problems";
import { can, type Permission } from "./permissions";

export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: () => must(api.GET("/api/auth/me")),
    staleTime: 5 * 60_000,
  });
}

export function useCan(permission: Permission): boolean {
  const me = useMe();
  return can((me.data?.roles ?? []) as string[], permission);
}

export function useBranches() {
  return useQuery({ queryKey: ["branches"], queryFn: () => must(api.GET("/api/branches")), staleTime: 60_000 });
}

/** A name in the UI's language, falling back to the other. */
export function useLocalName() {
  const locale = useLocale();
  return (en?: string | null, ar?: string | null) => (locale === "ar" ? ar || en : en || ar) ?? "";
}

/** The message to show for an error: a known refusal code in the UI's language, else the API's own words, else one per status. */
export function useProblemMessage() {
  const t = useTranslations("problems");
  const codes = useTranslations("problemCodes");
  const locale = useLocale();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      const code = error.problem.code as "freeze-length" | undefined;
      if (code && codes.has(code)) return codes(code);
      const status = error.problem.status ?? 500;
      const generic = t.has(String(status) as "400") ? t(String(status) as "400") : t("500");
      // The API words its problems in English only; Arabic gets the status's own message.
      return locale === "ar" ? generic : (error.problem.detail ?? generic);
    }
    return t("503");
  };
}

/** A member's full name in the UI's language, or in the other script when only that one is known. */
export function useMemberName() {
  const name = useLocalName();
  return (m: { firstNameEn?: string | null; lastNameEn?: string | null; firstNameAr?: string | null; lastNameAr?: string | null }) =>
    name(`${m.firstNameEn ?? ""} ${m.lastNameEn ?? ""}`.trim(), `${m.firstNameAr ?? ""} ${m.lastNameAr ?? ""}`.trim());
}
