import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

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

export function ConfirmModal(props: Props) {
  const { opened, title, message, confirmLabel, onConfirm, onClose, loading, typeToConfirm } = props;
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const ready = !typeToConfirm || typed.trim().toLowerCase() === typeToConfirm.toLowerCase();
  const close = () => {
    setTyped('');
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <Stack>
        <Text size="sm">{message}</Text>
        {typeToConfirm && (
          <TextInput
            label={t('common.typeToConfirm', { word: typeToConfirm })}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            data-autofocus
            data-testid="type-to-confirm"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} disabled={!ready} loading={loading} data-testid="confirm-button">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
