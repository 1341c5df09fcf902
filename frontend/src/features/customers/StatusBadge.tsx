import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerStatus } from '@/api/types';

const COLOURS: Record<CustomerStatus, string> = { active: 'teal', blocked: 'red', inactive: 'gray' };

export function StatusBadge({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light" radius="sm" size="sm" style={{ minWidth: 'max-content' }}>
      {t(`customer.statuses.${status}`)}
    </Badge>
  );
}
