// The web app's own liveness probe (the AppHost's and compose's health check); it does not call the API.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "UP" });
}
