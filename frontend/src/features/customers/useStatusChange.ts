import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerStatus } from '@/api/types';
import { notifyError, notifySuccess } from '@/lib/notify';
import { customerName, useSetCustomerStatus } from './queries';

/** Block, deactivate or reactivate a customer, with a toast either way. */
export function useStatusChange() {
  const { t } = useTranslation();
  const { mutate } = useSetCustomerStatus();
  return useCallback(
    (customer: Customer, status: CustomerStatus) =>
      mutate(
        { id: customer.id, status },
        {
          onSuccess: () =>
            notifySuccess(
              t('customer.statusChanged', { name: customerName(customer), status: t(`customer.statuses.${status}`) }),
            ),
          onError: (error) => notifyError(error),
        },
      ),
    [mutate, t],
  );
}
