import { Button, Group, Modal, SegmentedControl, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../form/schema';

interface Props {
  opened: boolean;
  count: string;
  onClose: () => void;
  onRun: (channel: Channel, granted: boolean) => void;
}

export function BulkConsentModal({ opened, count, onClose, onRun }: Props) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<Channel>('email_marketing');
  const [granted, setGranted] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={t('bulk.consentTitle', { count })} centered>
      <Stack>
        <Select
          label={t('customer.consent.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`customer.consents.${c}`) }))}
          value={channel}
          onChange={(v) => v && setChannel(v as Channel)}
          allowDeselect={false}
        />
        <SegmentedControl
          data={[
            { value: 'false', label: t('customer.consent.withdrawn') },
            { value: 'true', label: t('customer.consent.granted') },
          ]}
          value={String(granted)}
          onChange={(v) => setGranted(v === 'true')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => {
              onRun(channel, granted);
              onClose();
            }}
          >
            {t('bulk.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
