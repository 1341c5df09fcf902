import { ActionIcon, Menu } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { RowMenuButton } from './lightCells';

export interface RowAction {
  key: string;
  label: string;
  icon: ReactNode;
  onClick: () => void;
  color?: string;
  disabled?: boolean;
  dividerBefore?: boolean;
}

/** The menu's items, e.g. from `RowActionItems`; rendered only once the menu is opened. */
type ItemsRenderer = () => ReactNode;

/**
 * The three-dots menu at the end of a row. A plain button until first clicked: then the menu
 * (popover, focus trap, positioning) and its items are built, opened.
 */
export function DataTableRowActions({ items, label }: { items: ItemsRenderer; label: string }) {
  const [used, setUsed] = useState(false);
  if (!used) return <RowMenuButton label={label} onClick={() => setUsed(true)} />;
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={200} defaultOpened>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label} aria-haspopup="menu" data-no-row-open>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>{items()}</Menu.Dropdown>
    </Menu>
  );
}

export function RowActionItems({ actions }: { actions: RowAction[] }) {
  return actions.map((action) => [
    action.dividerBefore ? <Menu.Divider key={`${action.key}-divider`} /> : null,
    <Menu.Item key={action.key} leftSection={action.icon} c={action.color} disabled={action.disabled} onClick={action.onClick}>
      {action.label}
    </Menu.Item>,
  ]);
}
