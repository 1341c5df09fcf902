import { Anchor, Button, Group, Menu, Paper, Text } from '@mantine/core';
import { IconBan, IconChevronDown, IconPencil, IconPlayerPause, IconPlayerPlay, IconShieldCheck, IconTag, IconTagOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerStatus } from '@/api/types';
import { ConfirmModal } from '@/components/ConfirmModal';
import { useCan } from '@/features/auth/queries';
import { notifyError } from '@/lib/notify';
import type { FilterNode } from '../filters/tree';
import type { ListPageInfo } from '../listTotal';
import type { CustomerCountParams } from '../queries';
import { useListTotal } from '../useListTotal';
import { BulkConsentModal } from './BulkConsentModal';
import { BulkEditModal } from './BulkEditModal';
import { BulkTagsModal } from './BulkTagsModal';
import { toSelection } from './selection';
import { dryRun, useBulkAction, type BulkRequest } from './useBulkAction';

interface Props {
  ids: string[];
  /** The view, for its total ("select all N matching"). */
  listParams: CustomerCountParams;
  page: ListPageInfo | null;
  pageCount: number;
  allMatching: boolean;
  view: { filter?: FilterNode; q?: string; segment?: string };
  onSelectAllMatching: () => void;
  onClear: () => void;
  formatNumber: (n: number) => string;
}

/** Actions on the ticked rows, or on every customer the view matches. */
export function BulkBar({ ids, listParams, page, pageCount, allMatching, view, onSelectAllMatching, onClear, formatNumber }: Props) {
  const { t } = useTranslation();
  const shown = useListTotal(listParams, page);
  // Offered once it is this view's count, never the previous view's.
  const total = shown.pending ? 0 : shown.total;
  const bulk = useBulkAction();
  const canDeleteMany = useCan('customers:delete_bulk');
  const [tagsMode, setTagsMode] = useState<'add_tags' | 'remove_tags' | null>(null);
  const [consentOpen, setConsentOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [deleteCount, setDeleteCount] = useState<number | null>(null);
  const selection = toSelection(ids, allMatching, view);
  const count = formatNumber(allMatching ? total : ids.length);
  const run = (body: Omit<BulkRequest, 'selection' | 'dry_run'>) =>
    bulk.mutate({ ...body, selection, dry_run: false }, { onSuccess: onClear });
  const status = (s: CustomerStatus) => run({ action: 'set_status', status: s });

  const askDelete = () => {
    dryRun({ action: 'delete', selection })
      .then((result) => setDeleteCount(result.matched))
      .catch((error: unknown) => notifyError(error));
  };

  return (
    <Paper withBorder radius="md" px="sm" py={6} bg="blue.0" data-testid="bulk-bar">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Text size="sm" fw={600} data-testid="bulk-count">
            {t('bulk.selected', { count })}
          </Text>
          {!allMatching && ids.length === pageCount && total > pageCount && (
            <Anchor component="button" size="sm" onClick={onSelectAllMatching} data-testid="select-all-matching">
              {t('bulk.selectAll', { count: formatNumber(total) })}
            </Anchor>
          )}
          <Anchor component="button" size="sm" c="dimmed" onClick={onClear}>
            {t('bulk.clear')}
          </Anchor>
        </Group>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="xs" rightSection={<IconChevronDown size={14} />} loading={bulk.isPending} data-testid="bulk-actions">
              {t('bulk.actions')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconTag size={16} />} onClick={() => setTagsMode('add_tags')}>
              {t('bulk.addTags')}
            </Menu.Item>
            <Menu.Item leftSection={<IconTagOff size={16} />} onClick={() => setTagsMode('remove_tags')}>
              {t('bulk.removeTags')}
            </Menu.Item>
            <Menu.Item leftSection={<IconShieldCheck size={16} />} onClick={() => setConsentOpen(true)}>
              {t('bulk.consent')}
            </Menu.Item>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditOpen(true)} data-testid="bulk-mass-edit">
              {t('bulk.edit')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={() => status('active')}>
              {t('customer.actions.activate')}
            </Menu.Item>
            <Menu.Item leftSection={<IconPlayerPause size={16} />} onClick={() => status('inactive')}>
              {t('customer.actions.deactivate')}
            </Menu.Item>
            <Menu.Item leftSection={<IconBan size={16} />} onClick={() => status('blocked')}>
              {t('customer.actions.block')}
            </Menu.Item>
            {canDeleteMany && (
              <>
                <Menu.Divider />
                <Menu.Item leftSection={<IconTrash size={16} />} c="red.9" onClick={askDelete} data-testid="bulk-delete">
                  {t('customer.actions.delete')}
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <BulkTagsModal mode={tagsMode} count={count} onClose={() => setTagsMode(null)} onRun={(tags) => tagsMode && run({ action: tagsMode, tags })} />
      <BulkConsentModal
        opened={consentOpen}
        count={count}
        onClose={() => setConsentOpen(false)}
        onRun={(channel, granted) => run({ action: 'set_consent', channel, granted })}
      />
      <BulkEditModal opened={editOpen} count={count} onClose={() => setEditOpen(false)} onRun={(fields) => run({ action: 'update_fields', fields })} />
      <ConfirmModal
        opened={deleteCount !== null}
        title={t('bulk.deleteTitle', { count: formatNumber(deleteCount ?? 0) })}
        message={t('bulk.deleteMessage', { count: formatNumber(deleteCount ?? 0) })}
        confirmLabel={t('customer.actions.delete')}
        typeToConfirm={String(deleteCount ?? '')}
        onClose={() => setDeleteCount(null)}
        onConfirm={() => {
          run({ action: 'delete', expected_count: deleteCount });
          setDeleteCount(null);
        }}
      />
    </Paper>
  );
}
