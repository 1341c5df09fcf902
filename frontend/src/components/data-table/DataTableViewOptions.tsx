import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconColumns } from '@tabler/icons-react';
import type { Table } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';

interface Props<T> {
  table: Table<T>;
  onReset: () => void;
}

/** The column chooser: show or hide each column and move it up or down. */
export function DataTableViewOptions<T>({ table, onReset }: Props<T>) {
  const { t } = useTranslation();
  const columns = table.getAllLeafColumns().filter((c) => !c.columnDef.meta?.fixed);
  const order = table.getState().columnOrder;
  const sorted = [...columns].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));

  const move = (id: string, delta: -1 | 1) => {
    // Move past the neighbouring *choosable* column, skipping fixed ones like selection.
    const ids = sorted.map((c) => c.id);
    const at = ids.indexOf(id);
    const neighbour = ids[at + delta];
    if (neighbour === undefined) return;
    table.setColumnOrder((prev) => {
      const next = [...prev];
      const i = next.indexOf(id);
      const j = next.indexOf(neighbour);
      next[i] = neighbour;
      next[j] = id;
      return next;
    });
  };

  return (
    <Popover position="bottom-end" shadow="md" width={300} trapFocus withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="column-chooser">
          {t('table.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('table.columnsTitle')}
          </Text>
          <ScrollArea.Autosize mah={360} type="auto">
            <Stack gap={4} pr="xs">
              {sorted.map((column, i) => {
                const label = column.columnDef.meta?.label ?? column.id;
                return (
                  <Group key={column.id} justify="space-between" wrap="nowrap" gap={4}>
                    <Checkbox
                      label={label}
                      checked={column.getIsVisible()}
                      disabled={!column.getCanHide()}
                      onChange={(e) => column.toggleVisibility(e.currentTarget.checked)}
                      size="sm"
                    />
                    <Group gap={0} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        disabled={i === 0}
                        onClick={() => move(column.id, -1)}
                        aria-label={t('table.moveUp', { column: label })}
                      >
                        <IconChevronUp size={14} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        disabled={i === sorted.length - 1}
                        onClick={() => move(column.id, 1)}
                        aria-label={t('table.moveDown', { column: label })}
                      >
                        <IconChevronDown size={14} />
                      </ActionIcon>
                    </Group>
                  </Group>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
          <Button variant="subtle" size="xs" onClick={onReset}>
            {t('table.resetColumns')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
