import { Paper, Skeleton, Stack, Stepper, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorView } from '@/components/ErrorView';
import { notifyError } from '@/lib/notify';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { DoneStep, ProgressStep } from './ProgressStep';
import { ImportHistory } from './ImportHistory';
import { importKeys, useImport, useImportAction, type Import } from './queries';
import { UploadStep } from './UploadStep';
import { useImportEvents } from './useImportEvents';

function activeStep(imp: Import | undefined): number {
  if (!imp) return 0;
  switch (imp.status) {
    case 'uploaded':
      return 1;
    case 'validating':
    case 'validated':
      return 2;
    case 'committing':
      return 3;
    default:
      return 4;
  }
}

interface Props {
  importId: string | undefined;
  onOpen: (id: string | undefined) => void;
}

/** Upload → mapping → preview → commit → done; the import's id in the URL keeps the step on reload. */
export function ImportsPage({ importId, onOpen }: Props) {
  const { t } = useTranslation();
  const action = useImportAction();
  // One query: the event stream writes into its cache; if the stream fails, the query polls.
  const query = useImport(importId, false);
  const sseFailed = useImportEvents(query.data);
  useImport(importId, sseFailed);
  const imp = query.data;
  const queryClient = useQueryClient();
  const status = imp?.status;
  // Each step of the open import (validated, committing, completed…) shows in the history too.
  useEffect(() => {
    if (status) void queryClient.invalidateQueries({ queryKey: [...importKeys.all, 'list'] });
  }, [status, queryClient]);
  const step = activeStep(importId ? imp : undefined);
  const cancel = () =>
    imp && action.mutate({ id: imp.id, action: 'cancel' }, { onSuccess: () => onOpen(undefined), onError: (e) => notifyError(e) });

  const body = () => {
    if (!importId) return <UploadStep onUploaded={(created) => onOpen(created.id)} />;
    if (query.isError) return <ErrorView error={query.error} reset={() => void query.refetch()} />;
    if (!imp) return <Skeleton height={240} />;
    switch (imp.status) {
      case 'uploaded':
        // Read again with other settings, the file has other columns: a fresh mapping form.
        return <MappingStep key={`${imp.id}:${imp.encoding}:${imp.delimiter}`} imp={imp} onCancel={cancel} />;
      case 'validating':
      case 'committing':
        return <ProgressStep imp={imp} />;
      case 'validated':
        return <PreviewStep imp={imp} onCancel={cancel} />;
      default:
        return <DoneStep imp={imp} onNew={() => onOpen(undefined)} />;
    }
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t('imports.title')}</Title>
      <Paper withBorder radius="md" p="md">
        <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
          <Stepper.Step label={t('imports.steps.upload')} />
          <Stepper.Step label={t('imports.steps.mapping')} />
          <Stepper.Step label={t('imports.steps.preview')} />
          <Stepper.Step label={t('imports.steps.commit')} />
        </Stepper>
        {body()}
      </Paper>
      <ImportHistory onOpen={onOpen} />
    </Stack>
  );
}
