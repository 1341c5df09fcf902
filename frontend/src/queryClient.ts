import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/problem';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A problem from the API is an answer, not a glitch: retry only network trouble and 5xx.
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(onError?: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => query.state.data !== undefined && onError?.(error) }),
    mutationCache: new MutationCache(),
    defaultOptions: {
      queries: { staleTime: 15_000, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
