import type { CSSProperties } from 'react';
import { DEFAULT_TAG_COLOUR } from '@/features/tags/queries';
import { cellClasses, Chip } from './data-table/lightCells';

interface Props {
  tags: readonly string[];
  colours: Map<string, string>;
  max?: number;
}

/** Text colour that stays readable on the tag's own colour (WCAG relative luminance). */
export function contrastText(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#000';
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = parseInt(c ?? '0', 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#000' : '#fff';
}

/** A tag in its colour: a light badge, since a page of the list shows a few in every row. */
export function TagChip({ name, colour }: { name: string; colour?: string }) {
  const bg = colour ?? DEFAULT_TAG_COLOUR;
  return (
    <Chip style={{ '--badge-bg': bg, '--badge-color': contrastText(bg), textTransform: 'none' } as CSSProperties} testId="tag-chip">
      {name}
    </Chip>
  );
}

export function TagChips({ tags, colours, max = 4 }: Props) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  return (
    <div className={cellClasses.chips}>
      {shown.map((tag) => (
        <TagChip key={tag} name={tag} colour={colours.get(tag)} />
      ))}
      {tags.length > max && (
        <Chip variant="default" title={tags.slice(max).join(', ')} style={DEFAULT_CHIP}>
          +{tags.length - max}
        </Chip>
      )}
    </div>
  );
}

// Badge variant "default": the theme's default surface and border.
const DEFAULT_CHIP = {
  '--badge-bg': 'var(--mantine-color-default)',
  '--badge-color': 'var(--mantine-color-default-color)',
  '--badge-bd': 'calc(0.0625rem * var(--mantine-scale)) solid var(--mantine-color-default-border)',
} as CSSProperties;
