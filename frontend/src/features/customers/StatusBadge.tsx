import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerStatus } from '@/api/types';

const COLOURS: Record<CustomerStatus, string> = { active: 'teal', blocked: 'red', inactive: 'gray' };

export function StatusBadge({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation();
  return (
    // Outline with the darkest shade: readable (AA) on a striped or selected row as well as on white.
    <Badge color={COLOURS[status]} c={`${COLOURS[status]}.9`} variant="outline" radius="sm" size="sm" style={{ minWidth: 'max-content' }}>
      {t(`customer.statuses.${status}`)}
    </Badge>
  );
}
