"use client";
import { useLocalName } from "@/lib/hooks";

/** The `<option>`s of a branch picker, named in the UI's language. */
export function BranchOptions({ branches }: { branches: readonly { id: string; nameEn: string; nameAr: string }[] | undefined }) {
  const localName = useLocalName();
  return (
    <>
      {branches?.map((b) => (
        <option key={b.id} value={b.id}>
          {localName(b.nameEn, b.nameAr)}
        </option>
      ))}
    </>
  );
}
