import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { ConfirmModal } from '@/components/ConfirmModal';
import { notifyError, notifySuccess } from '@/lib/notify';
import { customerName, useDeleteCustomer } from './queries';

export function DeleteCustomerModal({ customer, onClose, onDeleted }: {
  customer: Customer | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteCustomer();
  const name = customer ? customerName(customer) : '';
  return (
    <ConfirmModal
      opened={customer !== null}
      title={t('customer.delete.title')}
      message={t('customer.delete.message', { name })}
      confirmLabel={t('customer.actions.delete')}
      loading={remove.isPending}
      onClose={onClose}
      onConfirm={() => {
        if (!customer) return;
        remove.mutate(customer.id, {
          onSuccess: () => {
            notifySuccess(t('customer.delete.done', { name }));
            onClose();
            onDeleted?.();
          },
          onError: (error) => notifyError(error),
        });
      }}
    />
  );
}
