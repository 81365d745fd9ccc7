"use client";
// Instant member search: results as you type (Arabic or Latin names, phone, number, email), arrow keys
// to move, Enter to choose, Escape to close.
import { useEffect, useId, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api, must } from "@/lib/api";
import { useMemberName } from "@/lib/hooks";
import { cx } from "@/lib/cx";
import { inputClass } from "@/components/ui";
import { StatusBadge } from "@/components/ui";
import type { components } from "@/lib/api-types";

export type MemberSummary = components["schemas"]["MemberSummary"];

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function MemberSearch({
  onChoose,
  onSubmitText,
  big,
  autoFocus,
  label,
}: {
  onChoose: (member: MemberSummary) => void;
  /** Enter with no result highlighted: the text itself (a scanned QR code or a member number). */
  onSubmitText?: (text: string) => void;
  big?: boolean;
  autoFocus?: boolean;
  label?: string;
}) {
  const t = useTranslations("members");
  const name = useMemberName();
  const listId = useId();
  const [text, setText] = useState("");
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  // Closing waits for a click on an option; typing again (or coming back) in the meantime keeps the list open.
  const closing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const keepOpen = () => clearTimeout(closing.current);
  const q = useDebounced(text.trim(), 150);
  const looksScanned = q.length > 40;
  const results = useQuery({
    queryKey: ["member-search", q],
    queryFn: () => must(api.GET("/api/members", { params: { query: { q, pageSize: 8 } } })),
    enabled: q.length >= 2 && !looksScanned,
    placeholderData: (previous) => previous,
  });
  const items = q.length >= 2 && !looksScanned ? (results.data?.items ?? []) : [];

  function choose(member: MemberSummary) {
    onChoose(member);
    setText("");
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, items.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const highlighted = items[active] ?? (items.length === 1 && q === text.trim() ? items[0] : undefined);
      if (highlighted) choose(highlighted);
      else if (onSubmitText && text.trim()) {
        onSubmitText(text.trim());
        setText("");
      }
    }
  }

  return (
    <div className="relative">
      <label htmlFor={`${listId}-input`} className="sr-only">
        {label ?? t("searchPlaceholder")}
      </label>
      <input
        id={`${listId}-input`}
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        autoComplete="off"
        autoFocus={autoFocus}
        data-member-search
        value={text}
        placeholder={label ?? t("searchPlaceholder")}
        onChange={(e) => {
          keepOpen();
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onFocus={keepOpen}
        onBlur={() => {
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
        className={cx(inputClass, big && "min-h-16 text-2xl")}
      />
      {open && items.length > 0 && (
        <ul id={listId} role="listbox" className="absolute inset-x-0 z-20 mt-1 max-h-96 overflow-auto rounded-md border border-slate-200 bg-white shadow-lg">
          {items.map((member, i) => (
            <li
              key={member.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              data-member-option={member.number}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(member);
              }}
              className={cx("flex cursor-pointer items-center justify-between gap-3 px-3 py-2", i === active && "bg-teal-50")}
            >
              <span>
                <span className="font-semibold">{name(member)}</span>
                <span className="ms-2 text-sm text-slate-600" dir="ltr">
                  {member.number} {member.phone}
                </span>
              </span>
              <StatusBadge status={member.status} />
            </li>
          ))}
        </ul>
      )}
      {open && q.length >= 2 && !looksScanned && results.isSuccess && items.length === 0 && (
        <p className="absolute inset-x-0 z-20 mt-1 rounded-md border border-slate-200 bg-white p-3 text-slate-600 shadow">{t("noResults")}</p>
      )}
    </div>
  );
}
