"use client";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { api, must } from "./api";
import { ApiError, problemMessage, type Catalogue } from "./problems";
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

/** The catalogues as {@link Catalogue}: next-intl's root translator, whose keys are dotted paths. */
export function useCatalogue(): { t: Catalogue; locale: string } {
  return { t: useTranslations() as unknown as Catalogue, locale: useLocale() };
}

/** The message to show for an error, always in the UI's language (see {@link problemMessage}). */
export function useProblemMessage() {
  const { t, locale } = useCatalogue();
  return (error: unknown): string => (error instanceof ApiError ? problemMessage(error.problem, t, locale) : t("problems.503"));
}

/** A member's full name in the UI's language, or in the other script when only that one is known. */
export function useMemberName() {
  const name = useLocalName();
  return (m: { firstNameEn?: string | null; lastNameEn?: string | null; firstNameAr?: string | null; lastNameAr?: string | null }) =>
    name(`${m.firstNameEn ?? ""} ${m.lastNameEn ?? ""}`.trim(), `${m.firstNameAr ?? ""} ${m.lastNameAr ?? ""}`.trim());
}
