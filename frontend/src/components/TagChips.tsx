import { Badge, Group } from '@mantine/core';
import { DEFAULT_TAG_COLOUR } from '@/features/tags/queries';

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

export function TagChip({ name, colour }: { name: string; colour?: string }) {
  const bg = colour ?? DEFAULT_TAG_COLOUR;
  return (
    <Badge
      variant="filled"
      radius="sm"
      size="sm"
      styles={{ root: { backgroundColor: bg, color: contrastText(bg), textTransform: 'none', minWidth: 'max-content' } }}
      data-testid="tag-chip"
    >
      {name}
    </Badge>
  );
}

export function TagChips({ tags, colours, max = 4 }: Props) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  return (
    <Group gap={4} wrap="nowrap">
      {shown.map((tag) => (
        <TagChip key={tag} name={tag} colour={colours.get(tag)} />
      ))}
      {tags.length > max && (
        <Badge variant="default" radius="sm" size="sm" title={tags.slice(max).join(', ')}>
          +{tags.length - max}
        </Badge>
      )}
    </Group>
  );
}
