import { IconBan, IconEdit, IconEye, IconGift, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerStatus } from '@/api/types';
import { DataTableRowActions, RowActionItems, type RowAction } from '@/components/data-table/DataTableRowActions';

interface Props {
  customer: Customer;
  onSetStatus: (customer: Customer, status: CustomerStatus) => void;
  onDelete: (customer: Customer) => void;
  onAssignVoucher?: (customer: Customer) => void;
}

/** The row's three-dots menu; its items are built when it is first opened. */
export function CustomerRowActions({ label, ...props }: Props & { label: string }) {
  return <DataTableRowActions label={label} items={() => <CustomerActionItems {...props} />} />;
}

function CustomerActionItems({ customer, onSetStatus, onDelete, onAssignVoucher }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = { customerId: customer.id };
  const actions: RowAction[] = [
    {
      key: 'view',
      label: t('customer.actions.view'),
      icon: <IconEye size={16} />,
      onClick: () => void navigate({ to: '/customers/$customerId', params }),
    },
    {
      key: 'edit',
      label: t('customer.actions.edit'),
      icon: <IconEdit size={16} />,
      onClick: () => void navigate({ to: '/customers/$customerId/edit', params }),
    },
    {
      key: 'voucher',
      label: t('customer.actions.assignVoucher'),
      icon: <IconGift size={16} />,
      onClick: () => onAssignVoucher?.(customer),
      disabled: !onAssignVoucher,
    },
    customer.status === 'inactive'
      ? {
          key: 'activate',
          label: t('customer.actions.activate'),
          icon: <IconPlayerPlay size={16} />,
          onClick: () => onSetStatus(customer, 'active'),
          dividerBefore: true,
        }
      : {
          key: 'deactivate',
          label: t('customer.actions.deactivate'),
          icon: <IconPlayerPause size={16} />,
          onClick: () => onSetStatus(customer, 'inactive'),
          dividerBefore: true,
        },
    customer.status === 'blocked'
      ? {
          key: 'unblock',
          label: t('customer.actions.unblock'),
          icon: <IconPlayerPlay size={16} />,
          onClick: () => onSetStatus(customer, 'active'),
        }
      : {
          key: 'block',
          label: t('customer.actions.block'),
          icon: <IconBan size={16} />,
          onClick: () => onSetStatus(customer, 'blocked'),
        },
    {
      key: 'delete',
      label: t('customer.actions.delete'),
      icon: <IconTrash size={16} />,
      color: 'red.9',
      onClick: () => onDelete(customer),
      dividerBefore: true,
    },
  ];
  return <RowActionItems actions={actions} />;
}
