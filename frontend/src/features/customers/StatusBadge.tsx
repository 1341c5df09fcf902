import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerStatus } from '@/api/types';
import { Chip } from '@/components/data-table/lightCells';

const COLOURS: Record<CustomerStatus, string> = { active: 'teal', blocked: 'red', inactive: 'gray' };

// Outline with the darkest shade: readable (AA) on a striped or selected row as well as on white.
const STYLES = Object.fromEntries(
  Object.entries(COLOURS).map(([status, colour]) => [
    status,
    {
      '--badge-bg': 'transparent',
      '--badge-bd': `calc(0.0625rem * var(--mantine-scale)) solid var(--mantine-color-${colour}-outline)`,
      '--badge-color': `var(--mantine-color-${colour}-9)`,
    } as CSSProperties,
  ]),
) as Record<CustomerStatus, CSSProperties>;

/** The status as a badge; `label` when the caller has it translated already (a page of rows). */
export function StatusChip({ status, label }: { status: CustomerStatus; label: string }) {
  return (
    <Chip variant="outline" style={STYLES[status]}>
      {label}
    </Chip>
  );
}

export function StatusBadge({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation();
  return <StatusChip status={status} label={t(`customer.statuses.${status}`)} />;
}
