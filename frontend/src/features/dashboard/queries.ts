import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Overview = components['schemas']['Overview'];
export type Preset = Overview['preset'];
export type Granularity = Overview['granularity'];
export type Figure = Exclude<keyof components['schemas']['Figures'], never>;

export const PRESETS: Preset[] = ['last_7_days', 'previous_week', 'last_30_days', 'last_month', 'custom'];
export const GRANULARITIES: Granularity[] = ['day', 'week', 'month'];

export interface StatsParams {
  preset: Preset;
  granularity: Granularity;
  from?: string;
  to?: string;
  /** Leave out the customers an import created, so one big import does not flatten the charts. */
  excludeImported?: boolean;
}

function query(p: StatsParams) {
  const period = p.preset === 'custom' ? { preset: p.preset, from: p.from ?? null, to: p.to ?? null } : { preset: p.preset };
  return { ...period, exclude_imported: Boolean(p.excludeImported) };
}

export function useOverview(p: StatsParams) {
  return useQuery({
    queryKey: ['stats', 'overview', p],
    enabled: p.preset !== 'custom' || Boolean(p.from && p.to),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/stats/overview', { params: { query: { ...query(p), granularity: p.granularity } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useConsentStats(p: StatsParams) {
  return useQuery({
    queryKey: ['stats', 'consents', { ...p, granularity: undefined }],
    enabled: p.preset !== 'custom' || Boolean(p.from && p.to),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/stats/consents', { params: { query: query(p) }, signal })),
    placeholderData: keepPreviousData,
  });
}
