import { setRequestLocale } from "next-intl/server";

/** A page whose content is one client component; the server part only fixes the locale. */
export function clientPage<P extends object>(Screen: React.ComponentType<P & { params: Record<string, string> }>) {
  return async function Page({ params }: { params: Promise<Record<string, string>> }) {
    const resolved = await params;
    setRequestLocale(resolved.locale!);
    return <Screen {...({} as P)} params={resolved} />;
  };
}
