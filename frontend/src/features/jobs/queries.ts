import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Job = components['schemas']['JobOut'];

const FINISHED = new Set(['succeeded', 'failed']);

/** Poll a background job until it finishes, reporting progress on the way. */
export async function waitForJob(id: string, onProgress: (job: Job) => void, intervalMs = 700): Promise<Job> {
  for (;;) {
    const job = await unwrap(api.GET('/api/v1/jobs/{job_id}', { params: { path: { job_id: id } } }));
    onProgress(job);
    if (FINISHED.has(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
