// RFC 9457 problem details from the API, turned into what a form shows: a message per field and one overall.

export interface Problem {
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
  errors?: Record<string, string[]>;
  retryAfter?: number;
  traceId?: string;
}

export interface FieldErrors {
  /** Messages per form field, keyed by the field's name in camelCase (`phone`, `address.city`, `items[0].name`). */
  fields: Record<string, string>;
  /** What is not tied to a field, or undefined. */
  general?: string;
}

/** `FirstNameEn`, `$.firstNameEn` or `request.FirstNameEn` all name the form field `firstNameEn`. */
export function fieldName(key: string): string {
  const cleaned = key.replace(/^\$\.?/, "").replace(/^(request|body|command)\./i, "");
  return cleaned
    .split(".")
    .map((part) => (part ? part[0]!.toLowerCase() + part.slice(1) : part))
    .join(".");
}

export function toFieldErrors(problem: Problem | undefined | null): FieldErrors {
  const fields: Record<string, string> = {};
  for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
    const name = fieldName(key);
    const message = messages.filter(Boolean).join(" ");
    if (message) fields[name] = fields[name] ? `${fields[name]} ${message}` : message;
  }
  const hasFields = Object.keys(fields).length > 0;
  const general = problem?.detail ?? (hasFields ? undefined : problem?.title);
  return { fields, general };
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && ("status" in value || "title" in value || "errors" in value);
}

/** An error thrown by the client so TanStack Query and forms can tell the API's refusal from a crash. */
export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

/** What reads the message catalogues: next-intl's root translator (`useTranslations()`), or a test's `createTranslator`. */
export interface Catalogue {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

type Rule = [pattern: RegExp, key: string, values?: (match: RegExpMatchArray) => Record<string, string>];

/**
 * The API words its field messages (and conflicts) in English only and gives them no code; these patterns
 * recognise the ones it sends, most specific first, so each is shown from the catalogue in the user's language.
 */
const MESSAGE_RULES: Rule[] = [
  [/date of birth/i, "dateOfBirth"],
  [/national ID|iqama/i, "nationalId"],
  [/Saudi mobile/i, "saudiMobile"],
  [/phone number/i, "phone"],
  [/email address/i, "email"],
  [/IANA time zone/i, "timeZone"],
  [/Use 'ar' or 'en'/i, "language"],
  [/One entry per day/i, "openingHoursRepeated"],
  [/open and close at the same time/i, "openingHoursEmpty"],
  [/No such (open )?branch/i, "unknownBranch"],
  [/No such room/i, "unknownRoom"],
  [/No such class type/i, "unknownClassType"],
  [/trainer must be an enabled user/i, "unknownTrainer"],
  [/Every branch must be one of the club's branches/i, "unknownBranch"],
  [/pass is not valid or has expired/i, "passExpired"],
  [/password is too common/i, "passwordCommon"],
  [/password from your email/i, "passwordFromEmail"],
  [/Use at least (\d+) characters/i, "tooShort", (m) => ({ min: m[1]! })],
  [/not UTF-8/i, "fileEncoding"],
  [/At most (\d+) MB/i, "fileSize", (m) => ({ max: m[1]! })],
  [/Another member already has the email/i, "emailTaken"],
  [/Another member already has the phone/i, "phoneTaken"],
  [/An account with the email .* already exists/i, "accountTaken"],
  [/already has a room named/i, "roomTaken"],
  [/trainer already teaches a class/i, "trainerBusy"],
  [/Room .* is taken from/i, "roomBusy"],
  [/changed by someone else/i, "staleVersion"],
  [/Try again in (\d+) seconds/i, "tryAgainIn", (m) => ({ seconds: m[1]! })],
  [/same unique value already exists/i, "duplicate"],
  [/maximum length of '?(\d+)'?|(?:at most|up to|use at most) (\d+) characters/i, "tooLong", (m) => ({ max: (m[1] ?? m[2])! })],
  [/between (-?[\d.]+) and (-?[\d.]+)/i, "range", (m) => ({ min: m[1]!, max: m[2]! })],
  [/JSON value could not be converted|not valid JSON|is not valid for|could not be parsed/i, "format"],
  [/character that is not allowed/i, "character"],
  [/\brequired\b/i, "required"],
];

function numbersFor(values: Record<string, string>, locale: string): Record<string, string> {
  const format = new Intl.NumberFormat(locale === "ar" ? "ar-SA-u-nu-arab" : "en-GB");
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number.isFinite(Number(v)) ? format.format(Number(v)) : v]));
}

/** An API message in the user's language: a recognised one from `fieldErrors`, else null. */
function knownMessage(text: string, t: Catalogue, locale: string): string | null {
  for (const [pattern, key, values] of MESSAGE_RULES) {
    const match = text.match(pattern);
    if (match && t.has(`fieldErrors.${key}`)) return t(`fieldErrors.${key}`, values ? numbersFor(values(match), locale) : undefined);
  }
  return null;
}

/** The label a form gives a field (`terms.classCredits` → the `fields.classCredits` label), else its name. */
export function fieldLabel(name: string, t: Catalogue): string {
  const last = name.replace(/\[\d+\]/g, "").split(".").pop() ?? name;
  return t.has(`fields.${last}`) ? t(`fields.${last}`) : last;
}

/** One field message in the user's language; the API's own words only in English when nothing matches. */
export function fieldMessage(name: string, text: string, t: Catalogue, locale: string): string {
  return knownMessage(text, t, locale) ?? (locale === "en" && text ? text : t("fieldErrors.fallback", { field: fieldLabel(name, t) }));
}

/**
 * The message for a whole problem: its refusal code from `problemCodes`, a recognised conflict, the status's own
 * message; the API's detail only in English and only when the code is unknown.
 */
export function problemMessage(problem: Problem | undefined, t: Catalogue, locale: string): string {
  const code = problem?.code;
  if (code && t.has(`problemCodes.${code}`)) return t(`problemCodes.${code}`);
  if (code && t.has(`checkIn.reasons.${code}`)) return t(`checkIn.reasons.${code}`);
  const status = String(problem?.status ?? 500);
  const generic = t.has(`problems.${status}`) ? t(`problems.${status}`) : t("problems.500");
  const known = problem?.detail ? knownMessage(problem.detail, t, locale) : null;
  return known ?? (locale === "en" && problem?.detail && status !== "500" ? problem.detail : generic);
}

/** {@link toFieldErrors} in the user's language: each field's messages and the overall one from the catalogues. */
export function localizeProblem(problem: Problem | undefined | null, t: Catalogue, locale: string): FieldErrors {
  const fields: Record<string, string> = {};
  for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
    const name = fieldName(key);
    const texts = [...new Set(messages.filter(Boolean).map((m) => fieldMessage(name, m, t, locale)))];
    if (texts.length) fields[name] = [fields[name], ...texts].filter(Boolean).join(" ");
  }
  const names = Object.keys(fields);
  const general = names.length
    ? t("problems.fieldsInvalid", { fields: names.map((n) => fieldLabel(n, t)).join(locale === "ar" ? "، " : ", ") })
    : problemMessage(problem ?? undefined, t, locale);
  return { fields, general };
}
