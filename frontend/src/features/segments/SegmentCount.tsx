import { Badge, Loader } from '@mantine/core';
import { useInViewport } from '@mantine/hooks';
import { useSegmentCount } from './queries';

interface Props {
  id: string;
  formatNumber: (n: number) => string;
}

/** A segment's live member count, asked for once the segment scrolls into view: the list
 * carries no counts, so a tenant with hundreds of segments is not hundreds of counts at once. */
export function SegmentCount({ id, formatNumber }: Props) {
  const { ref, inViewport } = useInViewport();
  // Once loaded, the count stays (cached) when the segment scrolls out of view again.
  const count = useSegmentCount(id, inViewport);
  return (
    <span ref={ref}>
      {count.data !== undefined ? (
        <Badge size="sm" variant="light" data-testid="segment-count">
          {formatNumber(count.data.total)}
        </Badge>
      ) : (
        !count.isError && <Loader size={12} />
      )}
    </span>
  );
}
