// The typed client the pages use. It calls the Next.js server's /api proxy, which adds the session.
import createClient from "openapi-fetch";
import type { paths } from "./api-types";
import { ApiError, type Problem } from "./problems";

export const api = createClient<paths>({ baseUrl: typeof window === "undefined" ? "http://localhost:3000" : "" });

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem details. */
export async function must<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const problem = (typeof error === "object" && error ? error : {}) as Problem;
    throw new ApiError({ ...problem, status: problem.status ?? response.status });
  }
  return data as T;
}
