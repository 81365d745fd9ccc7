"use client";
// The club's accounts: add a staff member, change roles, disable and enable.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api, must } from "@/lib/api";
import { useCan, useMe, useProblemMessage } from "@/lib/hooks";
import { ROLES, type Role } from "@/lib/permissions";
import { buttonClass, Card, ErrorNote, Field, inputClass, Loading, secondaryButtonClass } from "@/components/ui";
import { useApiForm } from "./useApiForm";
import type { components } from "@/lib/api-types";

type User = components["schemas"]["UserResponse"];
const STAFF_ROLES = ROLES.filter((r) => r !== "Member");

function RolePicker({ name, initial }: { name: string; initial: readonly string[] }) {
  return (
    <div className="flex flex-wrap gap-3">
      {STAFF_ROLES.map((role) => (
        <label key={role} className="flex min-h-11 items-center gap-1">
          <input type="checkbox" name={name} value={role} defaultChecked={initial.includes(role)} /> {role}
        </label>
      ))}
    </div>
  );
}

export function Staff() {
  const t = useTranslations("staff");
  const tc = useTranslations("common");
  const problem = useProblemMessage();
  const canManage = useCan("users.manage");
  const me = useMe();
  const queries = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => must(api.GET("/api/users", { params: { query: { pageSize: 100 } } })) });
  const invite = useApiForm();
  const row = useApiForm();
  const [editing, setEditing] = useState<string>();
  const refresh = () => queries.invalidateQueries({ queryKey: ["users"] });

  async function onInvite(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const done = await invite.submit(() =>
      must(
        api.POST("/api/users", {
          body: {
            email: String(form.get("email")),
            displayName: String(form.get("displayName")),
            roles: form.getAll("roles").map(String) as Role[],
            password: String(form.get("password") || "") || null,
          },
        }),
      ),
    );
    if (done) {
      formElement.reset();
      await refresh();
    }
  }

  const toggle = (user: User) =>
    row.submit(async () => {
      if (user.enabled) await must(api.POST("/api/users/{id}/disable", { params: { path: { id: user.id } } }));
      else await must(api.POST("/api/users/{id}/enable", { params: { path: { id: user.id } } }));
      await refresh();
      return true;
    });

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {canManage && (
        <Card title={t("invite")}>
          <form onSubmit={onInvite} className="grid gap-3 sm:grid-cols-3" noValidate>
            <Field label={t("name")} name="displayName" error={invite.errors.fields.displayName}>
              <input id="displayName" name="displayName" className={inputClass} {...invite.invalid("displayName")} />
            </Field>
            <Field label={t("email")} name="staffEmail" error={invite.errors.fields.email}>
              <input id="staffEmail" name="email" type="email" dir="ltr" className={inputClass} {...invite.invalid("email")} />
            </Field>
            <Field label={t("password")} name="staffPassword" error={invite.errors.fields.password}>
              <input id="staffPassword" name="password" type="password" dir="ltr" className={inputClass} autoComplete="new-password" />
            </Field>
            <fieldset className="sm:col-span-3">
              <legend className="text-sm font-medium">{t("roles")}</legend>
              <RolePicker name="roles" initial={["FrontDesk"]} />
              {invite.errors.fields.roles && <p className="text-sm text-red-700">{invite.errors.fields.roles}</p>}
            </fieldset>
            {invite.errors.general && (
              <div className="sm:col-span-3">
                <ErrorNote message={invite.errors.general} />
              </div>
            )}
            <div>
              <button type="submit" className={buttonClass} disabled={invite.busy}>
                {tc("create")}
              </button>
            </div>
          </form>
        </Card>
      )}
      {row.errors.general && <ErrorNote message={row.errors.general} />}
      {users.isLoading ? (
        <Loading />
      ) : users.error ? (
        <ErrorNote message={problem(users.error)} onRetry={() => users.refetch()} />
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white shadow-sm">
          <table className="w-full text-start">
            <thead className="bg-slate-100 text-sm">
              <tr>
                <th className="p-2 text-start">{t("name")}</th>
                <th className="p-2 text-start">{t("email")}</th>
                <th className="p-2 text-start">{t("roles")}</th>
                <th className="p-2 text-start">{t("enabled")}</th>
                <th className="p-2" />
              </tr>
            </thead>
            <tbody>
              {users.data?.items.map((user) => (
                <tr key={user.id} className="border-t border-slate-100 align-top">
                  <td className="p-2">{user.displayName}</td>
                  <td className="p-2" dir="ltr">
                    {user.email}
                  </td>
                  <td className="p-2">
                    {editing === user.id ? (
                      <form
                        onSubmit={async (e) => {
                          e.preventDefault();
                          const roles = new FormData(e.currentTarget).getAll("editRoles").map(String) as Role[];
                          if (await row.submit(() => must(api.PUT("/api/users/{id}/roles", { params: { path: { id: user.id } }, body: { roles } })))) {
                            setEditing(undefined);
                            await refresh();
                          }
                        }}
                      >
                        <RolePicker name="editRoles" initial={user.roles} />
                        <button type="submit" className={buttonClass}>
                          {tc("save")}
                        </button>
                      </form>
                    ) : (
                      user.roles.join(", ")
                    )}
                  </td>
                  <td className="p-2">{user.enabled ? tc("yes") : tc("no")}</td>
                  <td className="flex flex-wrap gap-2 p-2">
                    {canManage && user.id !== me.data?.id && (
                      <>
                        <button type="button" className={secondaryButtonClass} onClick={() => setEditing(user.id)}>
                          {t("changeRoles")}
                        </button>
                        <button type="button" className={secondaryButtonClass} onClick={() => toggle(user)} disabled={row.busy}>
                          {user.enabled ? t("disable") : t("enable")}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
