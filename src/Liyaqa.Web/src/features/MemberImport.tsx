"use client";
// CSV import: the file goes up, then the import's counts grow live until it is done, with the
// rejected rows listed by row and field.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { api, must } from "@/lib/api";
import { ApiError, type Problem } from "@/lib/problems";
import { useProblemMessage } from "@/lib/hooks";
import { formatNumber } from "@/lib/format";
import { buttonClass, ErrorNote, Field, inputClass } from "@/components/ui";

export function MemberImport() {
  const t = useTranslations("import");
  const locale = useLocale();
  const problem = useProblemMessage();
  const [importId, setImportId] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const progress = useQuery({
    queryKey: ["import", importId],
    queryFn: () => must(api.GET("/api/members/imports/{id}", { params: { path: { id: importId! } } })),
    enabled: Boolean(importId),
    refetchInterval: (query) => (query.state.data && ["Completed", "Failed"].includes(query.state.data.status) ? false : 1_000),
  });

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = new FormData();
    body.set("file", form.get("file") as File);
    setBusy(true);
    setError(undefined);
    setImportId(undefined);
    try {
      const response = await fetch(`/api/members/imports${form.get("dryRun") ? "?dryRun=true" : ""}`, { method: "POST", body });
      const json = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError({ ...(json as Problem), status: response.status });
      setImportId((json as { id: string }).id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const data = progress.data;
  const n = (v: number | string) => formatNumber(Number(v), locale);
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4 rounded-xl bg-white p-4 shadow-sm" data-import-form>
        <Field label={t("file")} name="file">
          <input id="file" name="file" type="file" accept=".csv,text/csv" required className={inputClass} />
        </Field>
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" name="dryRun" /> {t("dryRun")}
        </label>
        <button type="submit" className={buttonClass} disabled={busy} data-action="start-import">
          {t("start")}
        </button>
      </form>
      {error !== undefined && <ErrorNote message={problem(error)} />}
      {data && (
        <section className="space-y-3 rounded-xl bg-white p-4 shadow-sm" data-import-status={data.status}>
          <p className="text-lg font-semibold">
            {t(`status.${data.status}`)} · {t("progress", { processed: n(data.processedRows), total: n(data.totalRows) })}
          </p>
          <progress className="w-full" max={Math.max(1, Number(data.totalRows))} value={Number(data.processedRows)} />
          <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {(["created", "updated", "unchanged", "failed"] as const).map((key) => (
              <div key={key} className="rounded bg-slate-50 p-2" data-import-count={key}>
                <dt className="text-sm text-slate-600">{t(key)}</dt>
                <dd className="text-2xl font-bold">{n(data[key])}</dd>
              </div>
            ))}
          </dl>
          {data.failureReason && <ErrorNote message={data.failureReason} />}
          {data.errors.length > 0 && (
            <table className="w-full text-start" data-import-errors>
              <thead className="bg-slate-100 text-sm">
                <tr>
                  <th className="p-2 text-start">{t("row")}</th>
                  <th className="p-2 text-start">{t("field")}</th>
                  <th className="p-2 text-start">{t("message")}</th>
                </tr>
              </thead>
              <tbody>
                {data.errors.map((e, i) => (
                  <tr key={i} className="border-t border-slate-100" data-import-error-row={Number(e.row)}>
                    <td className="p-2">{n(e.row)}</td>
                    <td className="p-2" dir="ltr">
                      {e.field}
                    </td>
                    <td className="p-2">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
