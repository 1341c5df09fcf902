import { Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** Search and filters on the left, view options and actions on the right; wraps on a tablet. */
export function DataTableToolbar({ left, right }: { left: ReactNode; right: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
      <Group gap="sm" align="flex-end" style={{ flex: '1 1 320px' }} wrap="wrap">
        {left}
      </Group>
      <Group gap="sm" wrap="wrap">
        {right}
      </Group>
    </Group>
  );
}
