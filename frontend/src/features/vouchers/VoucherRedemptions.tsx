import { Button, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type RowProps } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useUndoRedemption, type Voucher } from './queries';

type Redemption = NonNullable<Voucher['redemptions']>[number];

const ROW = (r: Redemption): RowProps => ({
  'data-testid': 'redemption-row',
  style: r.undone_at ? { textDecoration: 'line-through' } : undefined,
});

/** A voucher's redemptions under its card; the last one has an undo while the tenant's window lasts. */
export function VoucherRedemptions({ voucher: v, customerId, undoableId }: { voucher: Voucher; customerId: string; undoableId: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const undo = useUndoRedemption();
  const { mutate, isPending } = undo;
  const columns = useMemo(
    (): ColumnDef<Redemption>[] => [
      { id: 'when', cell: ({ row }) => fmt.dateTime(row.original.redeemed_at) },
      { id: 'amount', cell: ({ row }) => (v.kind === 'percent' ? fmt.money(row.original.amount) : `− ${fmt.money(row.original.amount)}`) },
      {
        id: 'ref',
        cell: ({ row: { original: r } }) => (
          <Text span inherit c="dimmed">
            {r.undone_at ? t('vouchers.undoneMark') : (r.transaction_ref ?? '')}
          </Text>
        ),
      },
      {
        id: 'undo',
        meta: { label: t('vouchers.undo'), align: 'right' },
        cell: ({ row: { original: r } }) =>
          undoableId === r.id && (
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              loading={isPending}
              data-testid="undo-redemption"
              onClick={() =>
                mutate({ code: v.code, redemptionId: r.id, customerId }, { onSuccess: () => notifySuccess(t('vouchers.undone')), onError: (e) => notifyError(e) })
              }
            >
              {t('vouchers.undo')}
            </Button>
          ),
      },
    ],
    [t, fmt, v.kind, v.code, customerId, undoableId, isPending, mutate],
  );
  const table = useSimpleTable(v.redemptions, columns, (r) => r.id);
  return <DataTable table={table} variant="simple" withHeader={false} mt="xs" verticalSpacing={2} fz="sm" rowProps={ROW} data-testid="voucher-redemptions" />;
}
