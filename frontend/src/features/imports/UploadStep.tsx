import { Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '@/lib/notify';
import { uploadImport, type Import } from './queries';

const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.csv', '.txt'],
  'application/vnd.ms-excel': ['.xls', '.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};

/** Drop or pick a file; the bar follows the bytes on their way to the server. */
export function UploadStep({ onUploaded }: { onUploaded: (imp: Import) => void }) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number | null>(null);
  const [name, setName] = useState('');

  const upload = (file: File) => {
    setName(file.name);
    setPercent(0);
    uploadImport(file, setPercent)
      .then(onUploaded)
      .catch((error: unknown) => notifyError(error, t('imports.uploadFailed')))
      .finally(() => setPercent(null));
  };

  return (
    <Stack gap="sm">
      <Dropzone
        onDrop={(files) => files[0] && upload(files[0])}
        onReject={() => notifyError(new Error(t('imports.rejected')))}
        accept={ACCEPT}
        multiple={false}
        loading={percent !== null}
        maxSize={200 * 1024 ** 2}
        data-testid="import-dropzone"
        inputProps={{ 'aria-label': t('imports.drop') }}
      >
        <Group justify="center" gap="xl" mih={160} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={48} stroke={1.5} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} stroke={1.5} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileSpreadsheet size={48} stroke={1.5} />
          </Dropzone.Idle>
          <div>
            <Text size="lg" inline>
              {t('imports.drop')}
            </Text>
            <Text size="sm" c="dimmed" inline mt={7}>
              {t('imports.dropHint')}
            </Text>
          </div>
        </Group>
      </Dropzone>
      {percent !== null && (
        <Stack gap={4} data-testid="upload-progress">
          <Text size="sm">
            {name} — {percent}%
          </Text>
          <Progress value={percent} animated aria-label={t('imports.uploading')} />
        </Stack>
      )}
    </Stack>
  );
}
