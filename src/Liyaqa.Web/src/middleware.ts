import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "./i18n/routing";

const intl = createMiddleware(routing);

/** Pages other than sign-in and the kiosk's start need a session; without one the staff member signs in. */
export default function middleware(request: NextRequest) {
  const [, locale, page] = request.nextUrl.pathname.split("/");
  const known = (routing.locales as readonly string[]).includes(locale ?? "");
  if (known && page !== "sign-in" && !request.cookies.get("lq_rt")) {
    const url = request.nextUrl.clone();
    url.pathname = `/${locale}/sign-in`;
    url.search = `?next=${encodeURIComponent(request.nextUrl.pathname)}`;
    return NextResponse.redirect(url);
  }
  return intl(request);
}

export const config = { matcher: ["/((?!api|_next|.*\\..*).*)"] };
