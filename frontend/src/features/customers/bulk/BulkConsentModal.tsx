import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, SegmentedControl, Select, Stack } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CHANNELS, type Channel } from '../form/schema';

interface Props {
  opened: boolean;
  count: string;
  onClose: () => void;
  onRun: (channel: Channel, granted: boolean) => void;
}

const schema = z.object({ channel: z.enum(CHANNELS), granted: z.boolean() });
type ConsentValues = z.infer<typeof schema>;

export function BulkConsentModal({ opened, count, onClose, onRun }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('bulk.consentTitle', { count })} centered>
      <BulkConsentForm onClose={onClose} onRun={onRun} />
    </Modal>
  );
}

function BulkConsentForm({ onClose, onRun }: Pick<Props, 'onClose' | 'onRun'>) {
  const { t } = useTranslation();
  const { control, handleSubmit } = useForm<ConsentValues>({
    resolver: zodResolver(schema),
    defaultValues: { channel: 'email_marketing', granted: false },
  });
  const submit = handleSubmit((v) => {
    onRun(v.channel, v.granted);
    onClose();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Controller
          control={control}
          name="channel"
          render={({ field }) => (
            <Select
              label={t('customer.consent.channel')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`customer.consents.${c}`) }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
              onBlur={field.onBlur}
              allowDeselect={false}
            />
          )}
        />
        <Controller
          control={control}
          name="granted"
          render={({ field }) => (
            <SegmentedControl
              data={[
                { value: 'false', label: t('customer.consent.withdrawn') },
                { value: 'true', label: t('customer.consent.granted') },
              ]}
              value={String(field.value)}
              onChange={(v) => field.onChange(v === 'true')}
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit">{t('bulk.apply')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
