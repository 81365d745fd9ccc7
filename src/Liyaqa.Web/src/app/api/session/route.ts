// Sign-in and sign-out: the Next.js server talks to the API and keeps the tokens in httpOnly cookies.
import { NextRequest, NextResponse } from "next/server";
import { API_URL, COOKIE, clearSession, writeSession, type Tokens } from "@/lib/session";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  const { club, email, password } = (await request.json().catch(() => ({}))) as Record<string, string | undefined>;
  let upstream: Response;
  try {
    upstream = await fetch(`${API_URL}/api/auth/login`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Tenant-Id": club?.trim() ?? "",
        "User-Agent": request.headers.get("user-agent") ?? "liyaqa-web",
        ...(request.headers.get("x-forwarded-for") ? { "X-Forwarded-For": request.headers.get("x-forwarded-for")! } : {}),
      },
      body: JSON.stringify({ email, password }),
      cache: "no-store",
    });
  } catch {
    return NextResponse.json({ status: 503, code: "unreachable" }, { status: 503 });
  }
  if (!upstream.ok) {
    const problem = await upstream.json().catch(() => ({ status: upstream.status }));
    const retryAfter = upstream.headers.get("retry-after");
    return NextResponse.json(
      { ...problem, status: upstream.status, retryAfter: retryAfter ? Number(retryAfter) : undefined },
      { status: upstream.status },
    );
  }
  const tokens = (await upstream.json()) as Tokens;
  const response = NextResponse.json({ ok: true });
  writeSession(response, request, tokens, club!.trim());
  return response;
}

export async function DELETE(request: NextRequest) {
  const access = request.cookies.get(COOKIE.access)?.value;
  const club = request.cookies.get(COOKIE.club)?.value;
  if (access && club) {
    await fetch(`${API_URL}/api/auth/logout`, {
      method: "POST",
      headers: { Authorization: `Bearer ${access}`, "X-Tenant-Id": club },
      cache: "no-store",
    }).catch(() => undefined);
  }
  const response = NextResponse.json({ ok: true });
  clearSession(response);
  return response;
}
