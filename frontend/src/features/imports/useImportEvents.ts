import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { importKeys, RUNNING, type Import } from './queries';

type LiveUpdate = Pick<Import, 'status' | 'progress' | 'counts'>;

/**
 * Follow a running import over Server-Sent Events, writing each update into the query cache.
 * Returns true when the stream failed, so the caller polls instead.
 */
export function useImportEvents(imp: Import | undefined): boolean {
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState(false);
  const id = imp?.id;
  const running = imp ? RUNNING.has(imp.status) : false;

  useEffect(() => {
    if (!id || !running || failed || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/imports/${id}/events`, { withCredentials: true });
    let finished = false;
    source.addEventListener('progress', (event: MessageEvent<string>) => {
      const update = JSON.parse(event.data) as LiveUpdate;
      queryClient.setQueryData<Import>(importKeys.detail(id), (prev) => (prev ? { ...prev, ...update } : prev));
      if (!RUNNING.has(update.status)) {
        finished = true;
        source.close();
        // The final record carries what the stream does not: the sample, the error text.
        void queryClient.invalidateQueries({ queryKey: importKeys.detail(id) });
        void queryClient.invalidateQueries({ queryKey: [...importKeys.all, 'errors', id] });
        void queryClient.invalidateQueries({ queryKey: [...importKeys.all, 'list'] });
      }
    });
    source.onerror = () => {
      source.close();
      if (!finished) setFailed(true);
    };
    return () => source.close();
  }, [id, running, failed, queryClient]);

  return failed;
}
