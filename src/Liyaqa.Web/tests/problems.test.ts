import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { fieldMessage, fieldName, localizeProblem, problemMessage, toFieldErrors, type Catalogue } from "@/lib/problems";
import ar from "../messages/ar.json";
import en from "../messages/en.json";

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

describe("problems in the user's language", () => {
  const catalogue = (locale: "ar" | "en") =>
    createTranslator({ locale, messages: locale === "ar" ? ar : en }) as unknown as Catalogue;
  const [tAr, tEn] = [catalogue("ar"), catalogue("en")];

  it("words a refusal code from the catalogue in both languages", () => {
    const problem = { status: 422, title: "The request breaks a rule.", detail: "10.00 SAR more than the member's open invoices ask for.", code: "overpayment" };
    expect(problemMessage(problem, tAr, "ar")).toBe(ar.problemCodes.overpayment);
    expect(problemMessage(problem, tEn, "en")).toBe(en.problemCodes.overpayment);
    expect(problemMessage({ status: 422, code: "booking-closed" }, tAr, "ar")).toBe("أُغلق الحجز لهذه الحصة.");
    expect(problemMessage({ status: 422, code: "membership-frozen" }, tAr, "ar")).toBe(ar.checkIn.reasons["membership-frozen"]);
  });

  it("keeps the API's words for an unknown code only in English; Arabic gets the status's message", () => {
    const problem = { status: 422, detail: "A brand-new rule.", code: "brand-new-rule" };
    expect(problemMessage(problem, tEn, "en")).toBe("A brand-new rule.");
    expect(problemMessage(problem, tAr, "ar")).toBe(ar.problems["422"]);
  });

  it("has a message for every generic status in both languages", () => {
    for (const status of [400, 401, 403, 404, 409, 413, 422, 429, 503]) {
      expect(problemMessage({ status }, tAr, "ar")).toBe(ar.problems[String(status) as "400"]);
      expect(problemMessage({ status }, tEn, "en")).toBe(en.problems[String(status) as "400"]);
    }
    expect(problemMessage({ status: 500, detail: "The error has been logged" }, tEn, "en")).toBe(en.problems["500"]);
  });

  it("recognises a conflict's English detail and words it in Arabic", () => {
    const problem = { status: 409, detail: "Another member already has the email 'sara@club.test'." };
    expect(problemMessage(problem, tAr, "ar")).toBe(ar.fieldErrors.emailTaken);
    expect(problemMessage(problem, tEn, "en")).toBe(en.fieldErrors.emailTaken);
  });

  it("maps validation errors onto fields in Arabic, with numbers in Arabic digits", () => {
    const result = localizeProblem(
      {
        status: 400,
        errors: {
          Phone: ["A Saudi mobile number is 05XXXXXXXX (+9665XXXXXXXX)."],
          "Address.City": ["The field City must be a string or array type with a maximum length of '200'."],
          nameEn: ["An English name of 1-200 characters is required."],
        },
      },
      tAr,
      "ar",
    );
    expect(result.fields).toEqual({ phone: ar.fieldErrors.saudiMobile, "address.city": "الحد الأقصى ٢٠٠ حرفًا.", nameEn: ar.fieldErrors.required });
    expect(result.general).toBe("راجع هذه الحقول: الجوال، city، الاسم (إنجليزي).");
  });

  it("falls back to a localized 'not accepted' with the field's label, and to the API's words in English", () => {
    const problem = { status: 400, errors: { "terms.classCredits": ["Something nobody has seen before."] } };
    expect(localizeProblem(problem, tAr, "ar").fields).toEqual({ "terms.classCredits": "رصيد الحصص: هذه القيمة غير مقبولة." });
    expect(localizeProblem(problem, tEn, "en").fields).toEqual({ "terms.classCredits": "Something nobody has seen before." });
    expect(fieldMessage("mystery", "", tEn, "en")).toBe("mystery: this value is not accepted.");
  });

  it("words a refusal without fields as the overall message", () => {
    expect(localizeProblem({ status: 422, code: "freeze-length", detail: "A freeze lasts 7-30 days." }, tAr, "ar")).toEqual({ fields: {}, general: ar.problemCodes["freeze-length"] });
  });
});

describe("message catalogues", () => {
  const keys = (value: unknown, prefix = ""): string[] =>
    typeof value === "object" && value !== null ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

  it("have the same keys in Arabic and English, none empty", () => {
    expect(keys(ar).sort()).toEqual(keys(en).sort());
    for (const key of keys(ar)) expect(createTranslator({ locale: "ar", messages: ar }).has(key as never)).toBe(true);
  });
});
