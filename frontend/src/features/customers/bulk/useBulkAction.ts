import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';
import { waitForJob } from '@/features/jobs/queries';
import { notifyError } from '@/lib/notify';
import { customerKeys } from '../queries';

export type BulkRequest = components['schemas']['BulkRequest'];
export type BulkResult = components['schemas']['BulkResult'];
export type Selection = BulkRequest['selection'];

/** Only count what an action would touch (the delete confirmation shows this number). */
export function dryRun(body: Omit<BulkRequest, 'dry_run'>): Promise<BulkResult> {
  return unwrap(api.POST('/api/v1/customers/bulk', { body: { ...body, dry_run: true } }));
}

/**
 * Run a bulk action: small selections finish in the response, large ones become a job whose
 * progress is shown in a notification until it is done.
 */
export function useBulkAction() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: BulkRequest): Promise<number | null> => {
      const result = await unwrap(api.POST('/api/v1/customers/bulk', { body }));
      if (result.status !== 'queued' || !result.job_id) return result.changed ?? null;
      const id = `bulk-${result.job_id}`;
      notifications.show({ id, loading: true, autoClose: false, withCloseButton: false, message: t('bulk.running', { done: 0, total: result.matched }) });
      const job = await waitForJob(result.job_id, (j) =>
        notifications.update({ id, loading: true, autoClose: false, message: t('bulk.running', { done: j.done, total: j.total ?? result.matched }) }),
      );
      notifications.hide(id);
      if (job.status === 'failed') throw new Error(job.error ?? t('errors.generic'));
      const changed = job.result?.changed;
      return typeof changed === 'number' ? changed : job.done;
    },
    onSuccess: (changed) => {
      notifications.show({ color: 'teal', message: t('bulk.done', { count: changed ?? 0 }) });
    },
    onError: (error) => notifyError(error),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['tags'] });
      await queryClient.invalidateQueries({ queryKey: ['segments'] });
    },
  });
}
