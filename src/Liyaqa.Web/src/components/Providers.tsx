"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "@/lib/problems";
import { OfflineBanner } from "./OfflineBanner";

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            // Refusals are answers; only retry when the server could not be reached.
            retry: (count, error) => count < 2 && (!(error instanceof ApiError) || (error.problem.status ?? 0) >= 502),
            refetchOnWindowFocus: true,
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <OfflineBanner />
      {children}
    </QueryClientProvider>
  );
}
