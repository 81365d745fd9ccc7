import { getRequestConfig } from "next-intl/server";
import { hasLocale } from "next-intl";
import { routing } from "./routing";
import { CLUB_TIME_ZONE } from "@/lib/format";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    timeZone: CLUB_TIME_ZONE,
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
