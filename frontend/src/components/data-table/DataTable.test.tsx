import { MantineProvider } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DataTable } from './DataTable';
import { useSimpleTable } from './useSimpleTable';

interface Item {
  id: string;
  name: string;
  done: boolean;
}

const COLUMNS: ColumnDef<Item>[] = [
  { id: 'name', header: 'Name', cell: ({ row }) => row.original.name },
  { id: 'state', header: 'State', meta: { label: 'State', align: 'right' }, cell: ({ row }) => (row.original.done ? 'done' : 'open') },
];

function Simple(props: { items: Item[] | undefined; withHeader?: boolean; onRowOpen?: (item: Item) => void; loading?: boolean }) {
  const table = useSimpleTable(props.items, COLUMNS, (i) => i.id);
  return (
    <DataTable
      table={table}
      variant="simple"
      label="Items"
      loading={props.loading}
      skeletonRows={2}
      withHeader={props.withHeader}
      onRowOpen={props.onRowOpen}
      empty={props.items?.length === 0 ? 'Nothing yet' : undefined}
      rowProps={(i) => ({ 'data-testid': 'item-row', 'data-state': i.done ? 'done' : 'open' })}
      data-testid="items"
    />
  );
}

const ITEMS: Item[] = [
  { id: 'a', name: 'Alpha', done: false },
  { id: 'b', name: 'Beta', done: true },
];

const draw = (ui: ReactNode) => render(<MantineProvider>{ui}</MantineProvider>);

describe('DataTable, simple variant', () => {
  it('draws headers, cells and the rows own attributes, without making rows focusable', () => {
    draw(<Simple items={ITEMS} />);
    const table = screen.getByRole('table', { name: 'Items' });
    expect(table).toHaveAttribute('data-testid', 'items');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Name', 'State']);
    const rows = screen.getAllByTestId('item-row');
    expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['open', 'done']);
    expect(rows[0]).not.toHaveAttribute('tabindex');
    expect(within(rows[1] as HTMLElement).getByText('done')).toHaveStyle({ textAlign: 'right' });
  });

  it('shows the empty state, or nothing, and skeleton rows while loading', () => {
    const { rerender } = draw(<Simple items={[]} />);
    expect(screen.getByText('Nothing yet')).toBeInTheDocument();
    rerender(
      <MantineProvider>
        <Simple items={undefined} loading />
      </MantineProvider>,
    );
    expect(screen.queryAllByTestId('item-row')).toHaveLength(0);
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
  });

  it('leaves the header out when asked and opens rows with a click or Enter', () => {
    const open = vi.fn();
    draw(<Simple items={ITEMS} withHeader={false} onRowOpen={open} />);
    expect(screen.queryAllByRole('columnheader')).toHaveLength(0);
    const [first, second] = screen.getAllByTestId('item-row') as [HTMLElement, HTMLElement];
    expect(first).toHaveAttribute('tabindex', '0');
    fireEvent.click(within(first).getByText('Alpha'));
    fireEvent.keyDown(second, { key: 'Enter' });
    expect(open.mock.calls.map(([item]) => (item as Item).id)).toEqual(['a', 'b']);
  });
});
