import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, TagsInput } from '@mantine/core';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useTags } from '@/features/tags/queries';
import { useLastDefined } from '@/lib/formCheck';

type Mode = 'add_tags' | 'remove_tags';

interface Props {
  mode: Mode | null;
  count: string;
  onClose: () => void;
  onRun: (tags: string[]) => void;
}

const schema = z.object({ tags: z.array(z.string().trim().min(1)).min(1, { error: 'required' }) });
type TagsValues = z.infer<typeof schema>;

export function BulkTagsModal({ mode, count, onClose, onRun }: Props) {
  const { t } = useTranslation();
  const shown = useLastDefined(mode);
  return (
    <Modal
      opened={mode !== null}
      onClose={onClose}
      title={shown === 'remove_tags' ? t('bulk.removeTagsTitle', { count }) : t('bulk.addTagsTitle', { count })}
      centered
    >
      {/* Inside the modal, which unmounts it on close: each opening starts with no tags. */}
      {shown && <BulkTagsForm mode={shown} onClose={onClose} onRun={onRun} />}
    </Modal>
  );
}

function BulkTagsForm({ mode, onClose, onRun }: { mode: Mode; onClose: () => void; onRun: (tags: string[]) => void }) {
  const { t } = useTranslation();
  const tags = useTags();
  const { control, handleSubmit } = useForm<TagsValues>({ resolver: zodResolver(schema), defaultValues: { tags: [] } });
  const chosen = useWatch({ control, name: 'tags' });
  const submit = handleSubmit((v) => {
    onRun(v.tags);
    onClose();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Controller
          control={control}
          name="tags"
          render={({ field }) => (
            <TagsInput
              label={t('customer.fields.tags')}
              data={(tags.data ?? []).map((tag) => tag.name)}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              data-autofocus
              data-testid="bulk-tags-input"
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={chosen.length === 0} data-testid="bulk-tags-run">
            {mode === 'remove_tags' ? t('bulk.removeTags') : t('bulk.addTags')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
