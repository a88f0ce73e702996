import { keepPreviousData, QueryClient, useQuery } from "@tanstack/react-query";

/**
 * The dashboard's TanStack Query cache. The admin calls never throw (they answer an OpsResult), so there is
 * nothing to retry; a page that polls refreshes on its own clock, not on window focus.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
}

/**
 * `load` now, then every `everyMs` while the page is shown (TanStack Query never runs two at once, and pauses in
 * a hidden tab). `undefined` until the first answer; a new `key` (another token, a reload asked for) keeps the
 * last answer on screen until its own arrives. `key` names what `load` reads.
 */
export function usePolled<T>(
  key: readonly unknown[],
  load: () => Promise<T>,
  everyMs: number,
  enabled = true,
): T | undefined {
  return useQuery({
    queryKey: key,
    queryFn: load,
    refetchInterval: everyMs,
    placeholderData: keepPreviousData,
    enabled,
  }).data;
}
