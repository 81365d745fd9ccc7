import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "./i18n/routing";

const intl = createMiddleware(routing);
const PUBLIC_PAGES = new Set(["sign-in", "reset-password"]);

/** Pages other than sign-in and setting a password need a session; without one the staff member signs in. */
export default function middleware(request: NextRequest) {
  const [, locale, page] = request.nextUrl.pathname.split("/");
  const known = (routing.locales as readonly string[]).includes(locale ?? "");
  if (known && !PUBLIC_PAGES.has(page ?? "") && !request.cookies.get("lq_rt")) {
    const url = request.nextUrl.clone();
    url.pathname = `/${locale}/sign-in`;
    url.search = `?next=${encodeURIComponent(request.nextUrl.pathname)}`;
    return NextResponse.redirect(url);
  }
  return intl(request);
}

export const config = { matcher: ["/((?!api|_next|healthz|.*\\..*).*)"] };
