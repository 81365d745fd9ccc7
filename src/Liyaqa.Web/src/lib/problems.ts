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
