"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { Link, useRouter } from "@/i18n/navigation";
import { api, must } from "@/lib/api";
import { useBranches, useCan, useMemberName, useProblemMessage } from "@/lib/hooks";
import { formatNumber } from "@/lib/format";
import { buttonClass, Empty, ErrorNote, inputClass, Loading, secondaryButtonClass, StatusBadge } from "@/components/ui";
import { MemberSearch, useDebounced } from "./MemberSearch";
import type { components } from "@/lib/api-types";
import { BranchOptions } from "@/components/BranchOptions";

type MemberStatus = components["schemas"]["MemberStatus"];
const STATUSES: MemberStatus[] = ["Lead", "Trial", "Active", "Frozen", "Expired", "Cancelled"];
const PAGE_SIZE = 25;

export function MembersScreen() {
  const t = useTranslations("members");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const memberName = useMemberName();
  const problem = useProblemMessage();
  const branches = useBranches();
  const canManage = useCan("members.manage");
  const canImport = useCan("members.import");
  const [filter, setFilter] = useState({ q: "", status: "", branchId: "", includeArchived: false });
  const [page, setPage] = useState(1);
  const q = useDebounced(filter.q, 250);

  const list = useQuery({
    queryKey: ["members", { ...filter, q, page }],
    queryFn: () =>
      must(
        api.GET("/api/members", {
          params: {
            query: {
              q: q || undefined,
              status: (filter.status || undefined) as MemberStatus | undefined,
              branchId: filter.branchId || undefined,
              includeArchived: filter.includeArchived || undefined,
              page,
              pageSize: PAGE_SIZE,
              includeTotal: true,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const set = (patch: Partial<typeof filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex flex-wrap gap-2">
          {canManage && (
            <Link href="/members/new" className={buttonClass} data-action="new-member">
              {t("new")}
            </Link>
          )}
          {canImport && (
            <Link href="/members/import" className={secondaryButtonClass}>
              {t("import")}
            </Link>
          )}
          <a href="/api/members/export" className={secondaryButtonClass} download>
            {t("export")}
          </a>
        </div>
      </div>

      <MemberSearch onChoose={(m) => router.push(`/members/${m.id}`)} />

      <div className="flex flex-wrap items-end gap-3 rounded-xl bg-white p-3 shadow-sm">
        <label className="text-sm">
          <span className="block text-slate-700">{tc("search")}</span>
          <input className={inputClass} value={filter.q} onChange={(e) => set({ q: e.target.value })} data-filter="q" />
        </label>
        <label className="text-sm">
          <span className="block text-slate-700">{t("status")}</span>
          <select className={inputClass} value={filter.status} onChange={(e) => set({ status: e.target.value })} data-filter="status">
            <option value="">{tc("all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-700">{t("branch")}</span>
          <select className={inputClass} value={filter.branchId} onChange={(e) => set({ branchId: e.target.value })}>
            <option value="">{tc("all")}</option>
            <BranchOptions branches={branches.data} />
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={filter.includeArchived} onChange={(e) => set({ includeArchived: e.target.checked })} />
          {t("includeArchived")}
        </label>
      </div>

      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorNote message={problem(list.error)} onRetry={() => list.refetch()} />
      ) : list.data && list.data.items.length === 0 ? (
        <Empty>{t("noResults")}</Empty>
      ) : (
        list.data && (
          <div className="overflow-x-auto rounded-xl bg-white shadow-sm">
            <table className="w-full text-start" data-members-table>
              <thead className="bg-slate-100 text-sm text-slate-700">
                <tr>
                  <th className="p-2 text-start">{t("number")}</th>
                  <th className="p-2 text-start">{t("name")}</th>
                  <th className="p-2 text-start">{t("phone")}</th>
                  <th className="p-2 text-start">{t("email")}</th>
                  <th className="p-2 text-start">{t("status")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((m) => (
                  <tr key={m.id} className="border-t border-slate-100 hover:bg-slate-50">
                    <td className="p-2" dir="ltr">
                      {m.number}
                    </td>
                    <td className="p-2">
                      <Link href={`/members/${m.id}`} className="font-semibold text-brand underline">
                        {memberName(m)}
                      </Link>
                    </td>
                    <td className="p-2" dir="ltr">
                      {m.phone}
                    </td>
                    <td className="p-2" dir="ltr">
                      {m.email}
                    </td>
                    <td className="p-2">
                      <StatusBadge status={m.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="flex items-center justify-between gap-2 p-3 text-sm">
              <span>{list.data.total != null && t("total", { count: Number(list.data.total), n: formatNumber(Number(list.data.total), locale) })}</span>
              <div className="flex items-center gap-2">
                <button type="button" className={secondaryButtonClass} disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
                  {tc("previous")}
                </button>
                <span>{t("page", { page: formatNumber(page, locale) })}</span>
                <button type="button" className={secondaryButtonClass} disabled={!list.data.hasMore} onClick={() => setPage((p) => p + 1)}>
                  {tc("next")}
                </button>
              </div>
            </div>
          </div>
        )
      )}
    </div>
  );
}
