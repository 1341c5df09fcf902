import { Button, Group, Modal, Stack, TagsInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTags } from '@/features/tags/queries';

interface Props {
  mode: 'add_tags' | 'remove_tags' | null;
  count: string;
  onClose: () => void;
  onRun: (tags: string[]) => void;
}

export function BulkTagsModal({ mode, count, onClose, onRun }: Props) {
  const { t } = useTranslation();
  const tags = useTags();
  const [chosen, setChosen] = useState<string[]>([]);
  const close = () => {
    setChosen([]);
    onClose();
  };
  return (
    <Modal
      opened={mode !== null}
      onClose={close}
      title={mode === 'remove_tags' ? t('bulk.removeTagsTitle', { count }) : t('bulk.addTagsTitle', { count })}
      centered
    >
      <Stack>
        <TagsInput
          label={t('customer.fields.tags')}
          data={(tags.data ?? []).map((tag) => tag.name)}
          value={chosen}
          onChange={setChosen}
          data-autofocus
          data-testid="bulk-tags-input"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={chosen.length === 0}
            onClick={() => {
              onRun(chosen);
              close();
            }}
            data-testid="bulk-tags-run"
          >
            {mode === 'remove_tags' ? t('bulk.removeTags') : t('bulk.addTags')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
