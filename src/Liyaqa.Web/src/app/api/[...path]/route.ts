// The browser's only way to the API: forwards /api/* with the session's bearer token, refreshing it first
// when it is about to expire (or once after a 401), and rotates the cookies with the new tokens.
import { NextRequest, NextResponse } from "next/server";
import { API_URL, COOKIE, clearSession, expiresSoon, refreshOnce, writeSession, type Tokens } from "@/lib/session";

export const dynamic = "force-dynamic";

const FORWARDED_REQUEST_HEADERS = ["content-type", "accept", "accept-language", "idempotency-key", "if-match"];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "content-disposition", "retry-after", "etag", "location"];

async function forward(request: NextRequest, body: ArrayBuffer | undefined, accessToken: string | undefined, club: string | undefined) {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (accessToken) headers.set("Authorization", `Bearer ${accessToken}`);
  if (club) headers.set("X-Tenant-Id", club);
  const forwardedFor = request.headers.get("x-forwarded-for");
  if (forwardedFor) headers.set("X-Forwarded-For", forwardedFor);
  headers.set("User-Agent", request.headers.get("user-agent") ?? "liyaqa-web");
  try {
    return await fetch(`${API_URL}${request.nextUrl.pathname}${request.nextUrl.search}`, {
      method: request.method,
      headers,
      body,
      cache: "no-store",
      redirect: "manual",
    });
  } catch {
    return null;
  }
}

async function handle(request: NextRequest): Promise<Response> {
  const club = request.cookies.get(COOKIE.club)?.value;
  const refreshToken = request.cookies.get(COOKIE.refresh)?.value;
  let accessToken = request.cookies.get(COOKIE.access)?.value;
  let renewed: Tokens | null = null;

  if (refreshToken && club && expiresSoon(request.cookies.get(COOKIE.expires)?.value)) {
    renewed = await refreshOnce(refreshToken, club);
    if (renewed) accessToken = renewed.accessToken;
  }

  const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer();
  let upstream = await forward(request, body, accessToken, club);
  if (upstream?.status === 401 && refreshToken && club && !renewed) {
    renewed = await refreshOnce(refreshToken, club);
    if (renewed) upstream = await forward(request, body, renewed.accessToken, club);
  }

  if (!upstream) {
    return NextResponse.json(
      { status: 503, title: "The server cannot be reached.", code: "unreachable" },
      { status: 503, headers: { "content-type": "application/problem+json" } },
    );
  }

  const headers = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("cache-control", "no-store");
  const response = new NextResponse(upstream.status === 204 ? null : upstream.body, { status: upstream.status, headers });
  if (renewed && club) writeSession(response, request, renewed, club);
  else if (upstream.status === 401 && refreshToken) clearSession(response);
  return response;
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
