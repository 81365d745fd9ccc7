import { describe, expect, it } from "vitest";
import { fieldName, toFieldErrors } from "@/lib/problems";

describe("problem details to field errors", () => {
  it("maps a validation problem's errors onto the form's camelCase fields", () => {
    const result = toFieldErrors({
      status: 400,
      title: "One or more values are invalid.",
      errors: { Phone: ["Enter a mobile number."], "Address.City": ["Too long."], email: ["Taken.", "Lower case."] },
    });
    expect(result.fields).toEqual({ phone: "Enter a mobile number.", "address.city": "Too long.", email: "Taken. Lower case." });
    expect(result.general).toBeUndefined();
  });

  it("keeps a rule's detail as the overall message", () => {
    expect(toFieldErrors({ status: 422, title: "The request breaks a rule.", detail: "Freezes last 7-30 days.", code: "freeze-length" })).toEqual({
      fields: {},
      general: "Freezes last 7-30 days.",
    });
  });

  it("falls back to the title when there is neither detail nor field", () => {
    expect(toFieldErrors({ status: 409, title: "Conflict" }).general).toBe("Conflict");
    expect(toFieldErrors(undefined)).toEqual({ fields: {}, general: undefined });
  });

  it("reads JSON paths and request prefixes as the field", () => {
    expect(fieldName("$.firstNameEn")).toBe("firstNameEn");
    expect(fieldName("request.HomeBranchId")).toBe("homeBranchId");
  });
});
