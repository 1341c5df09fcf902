import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useFormCheck } from '@/lib/formCheck';

interface Props {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
  /** When set, the user must type exactly this to enable the button (for destructive bulk actions). */
  typeToConfirm?: string;
}

/** The typed word, when one is asked for: the same ignoring case and surrounding spaces. */
const confirmSchema = (word: string | undefined) =>
  z.object({ typed: z.string() }).refine((v) => !word || v.typed.trim().toLowerCase() === word.toLowerCase(), { path: ['typed'], error: 'invalid' });
type ConfirmValues = z.infer<ReturnType<typeof confirmSchema>>;

export function ConfirmModal({ opened, title, onClose, ...rest }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      {/* Inside the modal, which unmounts it on close: the typed word never carries over. */}
      <ConfirmForm onClose={onClose} {...rest} />
    </Modal>
  );
}

function ConfirmForm({ message, confirmLabel, onConfirm, onClose, loading, typeToConfirm }: Omit<Props, 'opened' | 'title'>) {
  const { t } = useTranslation();
  const schema = useMemo(() => confirmSchema(typeToConfirm), [typeToConfirm]);
  const { control, register, handleSubmit } = useForm<ConfirmValues>({ resolver: zodResolver(schema), defaultValues: { typed: '' } });
  const { valid } = useFormCheck(schema, control);
  const submit = handleSubmit(() => onConfirm());
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text size="sm">{message}</Text>
        {typeToConfirm && (
          <TextInput label={t('common.typeToConfirm', { word: typeToConfirm })} data-autofocus data-testid="type-to-confirm" {...register('typed')} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" disabled={!valid} loading={loading} data-testid="confirm-button">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
