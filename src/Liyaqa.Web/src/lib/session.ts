// The session lives in httpOnly cookies only the Next.js server reads; page JavaScript never sees a token.
import "server-only";
import type { NextRequest, NextResponse } from "next/server";

export const API_URL = (process.env.LIYAQA_API_URL ?? "http://localhost:8080").replace(/\/$/, "");

export const COOKIE = { access: "lq_at", refresh: "lq_rt", club: "lq_club", expires: "lq_exp" } as const;

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  refreshTokenExpiresAt: string;
}

/**
 * Secure is on everywhere except plain http on the developer's own machine (http://localhost, 127.0.0.1),
 * where no TLS exists; LIYAQA_COOKIE_SECURE=true forces it on there too.
 */
export function secureCookies(request: NextRequest): boolean {
  if (process.env.LIYAQA_COOKIE_SECURE === "true") return true;
  const forwarded = request.headers.get("x-forwarded-proto");
  const https = (forwarded ?? request.nextUrl.protocol.replace(":", "")) === "https";
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(request.nextUrl.hostname);
  return https || !local;
}

export function writeSession(response: NextResponse, request: NextRequest, tokens: Tokens, club: string): void {
  const base = { httpOnly: true, secure: secureCookies(request), sameSite: "lax" as const, path: "/" };
  const refreshExpires = new Date(tokens.refreshTokenExpiresAt);
  response.cookies.set(COOKIE.access, tokens.accessToken, { ...base, expires: refreshExpires });
  response.cookies.set(COOKIE.refresh, tokens.refreshToken, { ...base, expires: refreshExpires });
  response.cookies.set(COOKIE.expires, tokens.expiresAt, { ...base, expires: refreshExpires });
  response.cookies.set(COOKIE.club, club, { ...base, expires: refreshExpires });
}

export function clearSession(response: NextResponse): void {
  for (const name of Object.values(COOKIE)) {
    response.cookies.set(name, "", { path: "/", maxAge: 0 });
  }
}

// Refresh tokens rotate and a spent one revokes the whole session, so parallel requests that find the
// access token expired must share one refresh instead of each presenting the same refresh token.
const refreshing = new Map<string, Promise<Tokens | null>>();

export function refreshOnce(refreshToken: string, club: string): Promise<Tokens | null> {
  let pending = refreshing.get(refreshToken);
  if (!pending) {
    pending = (async () => {
      const response = await fetch(`${API_URL}/api/auth/refresh`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Tenant-Id": club },
        body: JSON.stringify({ refreshToken }),
        cache: "no-store",
      });
      return response.ok ? ((await response.json()) as Tokens) : null;
    })();
    refreshing.set(refreshToken, pending);
    // Keep the answer a little while for requests that were already in flight with the old token.
    pending.finally(() => setTimeout(() => refreshing.delete(refreshToken), 30_000));
  }
  return pending;
}

/** True when the access token has less than 30 seconds left. */
export function expiresSoon(expiresAt: string | undefined, now = Date.now()): boolean {
  return !expiresAt || Date.parse(expiresAt) - now < 30_000;
}
