import { Box, Button, Group, Indicator, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileImport, IconFilter, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { RowSelectionState } from '@tanstack/react-table';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { DataTable } from '@/components/data-table/DataTable';
import { DataTableSearch } from '@/components/data-table/DataTableSearch';
import { DataTableToolbar } from '@/components/data-table/DataTableToolbar';
import { DataTableViewOptions } from '@/components/data-table/DataTableViewOptions';
import { ErrorView } from '@/components/ErrorView';
import { ButtonLink } from '@/components/links';
import { useCan, useMe } from '@/features/auth/queries';
import { ExportMenu } from '@/features/exports/ExportMenu';
import { SaveSegmentModal } from '@/features/segments/SaveSegmentModal';
import { useSegments, type Segment } from '@/features/segments/queries';
import { SegmentBar } from '@/features/segments/SegmentBar';
import { SegmentList } from '@/features/segments/SegmentList';
import { viewDiffers } from '@/features/segments/viewState';
import { AssignVoucherModal } from '@/features/vouchers/AssignVoucherModal';
import { useFormatters } from '@/lib/useFormatters';
import { BulkBar } from './bulk/BulkBar';
import { CustomerRowActions } from './CustomerRowActions';
import { CustomersEmpty } from './CustomersEmpty';
import { DeleteCustomerModal } from './DeleteCustomerModal';
import { FilterChips } from './filters/FilterChips';
import { FilterDrawer } from './filters/FilterDrawer';
import type { FilterNode } from './filters/tree';
import { CustomersPager, CustomersTotalBadge } from './CustomersTotal';
import { customerListQueryOptions, customerName, useCustomerList } from './queries';
import { DEFAULT_PAGE_SIZE, DEFAULT_SORT, listParams, type CustomersSearch } from './search';
import { useCustomersTable } from './useCustomersTable';
import { useStatusChange } from './useStatusChange';

/** The list's state a segment stands for. */
function segmentSearch(s: Segment): CustomersSearch {
  return { segment: s.id, ...(s.filter ? { filter: s.filter as FilterNode } : {}), ...(s.q ? { q: s.q } : {}), ...(s.sort ? { sort: s.sort } : {}) };
}

interface Props {
  search: CustomersSearch;
  onSearchChange: (update: (prev: CustomersSearch) => CustomersSearch) => void;
}

export function CustomersPage({ search, onSearchChange }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [toDelete, setToDelete] = useState<Customer | null>(null);
  const [voucherFor, setVoucherFor] = useState<Customer | null>(null);
  const { tenant } = useMe();
  // Staff work with customers but do not take the base out: no export for them (scope `exports`).
  const canExport = useCan('exports');
  const [filterOpen, filterDrawer] = useDisclosure(false);
  const [saveOpen, saveModal] = useDisclosure(false);
  // The segment being renamed and described (the same modal, in its edit form).
  const [editingSegment, setEditingSegment] = useState(false);
  const segments = useSegments();
  const activeSegment = search.segment ? segments.data?.find((s) => s.id === search.segment) : undefined;
  // Bulk actions and exports name the segment only while the list shows exactly what it saved.
  const actionView = activeSegment && !viewDiffers(activeSegment, search) ? search : { ...search, segment: undefined };
  const setStatus = useStatusChange();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [selectionView, setSelectionView] = useState(search);
  // A different view (search, filter, page, sort) starts with nothing ticked.
  if (selectionView !== search) {
    setSelectionView(search);
    setRowSelection({});
    setAllMatching(false);
  }

  const params = listParams(search);
  const list = useCustomerList(params);
  // What the rows on screen tell about the total; null while they are the previous view's.
  const shownPage =
    list.data && !list.isPlaceholderData
      ? { page: params.page, pageSize: params.page_size, rows: list.data.items.length, hasMore: list.data.has_more }
      : null;
  const rowActions = useCallback(
    (customer: Customer) => (
      <CustomerRowActions
        label={t('table.rowActions', { name: customerName(customer) })}
        customer={customer}
        onSetStatus={setStatus}
        onDelete={setToDelete}
        onAssignVoucher={setVoucherFor}
      />
    ),
    [setStatus, t],
  );
  const { table, resetColumns, visibleColumns } = useCustomersTable({
    rows: list.data?.items,
    sort: params.sort,
    rowActions,
    rowSelection,
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setRowSelection(updater);
    },
    onSortChange: (sort) =>
      onSearchChange((prev) => ({ ...prev, sort: sort === DEFAULT_SORT ? undefined : sort, page: undefined })),
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  // Changing what is shown keeps the segment it came from: the bar offers to save, save as new or revert.
  const change = (patch: Partial<CustomersSearch>) => {
    // Start the request now, not after the URL update has re-rendered the page with the old rows.
    const next = listParams({ ...search, ...patch, page: undefined });
    queryClient.query(customerListQueryOptions(next)).catch(() => undefined);
    onSearchChange((prev) => ({ ...prev, ...patch, page: undefined }));
  };
  const openCustomer = useCallback(
    (c: Customer) => void navigate({ to: '/customers/$customerId', params: { customerId: c.id } }),
    [navigate],
  );

  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      <Box w={230} visibleFrom="lg" style={{ flexShrink: 0 }}>
        <SegmentList
          activeId={search.segment}
          formatNumber={fmt.number}
          onSelect={(s) => onSearchChange(() => (s ? segmentSearch(s) : {}))}
        />
      </Box>
      <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={2}>{t('customers.title')}</Title>
            <CustomersTotalBadge params={params} page={shownPage} />
          </Group>
          <Group gap="xs">
            <ButtonLink to="/imports" variant="default" leftSection={<IconFileImport size={16} />}>
              {t('customers.import')}
            </ButtonLink>
            <ButtonLink to="/customers/new" leftSection={<IconPlus size={16} />} data-testid="add-customer">
              {t('customers.add')}
            </ButtonLink>
          </Group>
        </Group>
        <DataTableToolbar
          left={
            <>
              <DataTableSearch value={search.q} placeholder={t('customers.searchPlaceholder')} onChange={(q) => change({ q })} />
              <Indicator disabled={!search.filter} size={8} offset={4}>
                <Button variant="default" leftSection={<IconFilter size={16} />} onClick={filterDrawer.open} data-testid="open-filter">
                  {t('filter.button')}
                </Button>
              </Indicator>
            </>
          }
          right={
            <>
              {canExport && <ExportMenu ids={selectedIds} allMatching={allMatching} view={actionView} sort={search.sort} columns={visibleColumns} />}
              <DataTableViewOptions table={table} onReset={resetColumns} />
            </>
          }
        />
        <FilterChips
          filter={search.filter}
          onChange={(filter) => change({ filter })}
          onEdit={filterDrawer.open}
          onSave={activeSegment ? undefined : saveModal.open}
        />
        {activeSegment && (
          <SegmentBar
            segment={activeSegment}
            view={{ filter: search.filter, q: search.q, sort: search.sort }}
            columns={visibleColumns}
            onRevert={(s) => onSearchChange(() => segmentSearch(s))}
            onSaveAsNew={saveModal.open}
            onEdit={() => setEditingSegment(true)}
          />
        )}
        {selectedIds.length > 0 && (
          <BulkBar
            ids={selectedIds}
            listParams={params}
            page={shownPage}
            pageCount={list.data?.items.length ?? 0}
            allMatching={allMatching}
            view={actionView}
            formatNumber={fmt.number}
            onSelectAllMatching={() => setAllMatching(true)}
            onClear={() => {
              setRowSelection({});
              setAllMatching(false);
            }}
          />
        )}
        {list.isError && !list.data ? (
          <ErrorView error={list.error} reset={() => void list.refetch()} />
        ) : (
          <DataTable
            table={table}
            loading={list.isPending}
            label={t('customers.title')}
            onRowOpen={openCustomer}
            empty={
              <CustomersEmpty
                query={search.q}
                filtered={Boolean(search.filter)}
                onClear={() => change({ q: undefined, filter: undefined })}
              />
            }
          />
        )}
        <CustomersPager
          params={params}
          page={shownPage}
          pageNumber={params.page}
          pageSize={params.page_size}
          fetching={list.isFetching && !list.isPending}
          onPageChange={(page) => onSearchChange((prev) => ({ ...prev, page: page > 1 ? page : undefined }))}
          onPageSizeChange={(size) =>
            onSearchChange((prev) => ({ ...prev, page_size: size === DEFAULT_PAGE_SIZE ? undefined : size, page: undefined }))
          }
        />
      </Stack>
      <FilterDrawer opened={filterOpen} filter={search.filter} q={search.q} onClose={filterDrawer.close} onApply={(filter) => change({ filter })} />
      <SaveSegmentModal
        opened={saveOpen || editingSegment}
        segment={editingSegment ? activeSegment : undefined}
        onClose={() => {
          saveModal.close();
          setEditingSegment(false);
        }}
        view={{ filter: search.filter ? { ...search.filter } : null, q: search.q ?? null, sort: search.sort ?? null, columns: visibleColumns }}
        onSaved={(segment) => onSearchChange((prev) => ({ ...prev, segment: segment.id }))}
      />
      <DeleteCustomerModal customer={toDelete} onClose={() => setToDelete(null)} />
      {voucherFor && (
        <AssignVoucherModal customerId={voucherFor.id} currency={tenant.currency} opened onClose={() => setVoucherFor(null)} />
      )}
    </Group>
  );
}
