import { createTheme, mergeThemeOverrides, type CSSVariablesResolver, type MantineThemeOverride } from '@mantine/core';
import { parseTypedDate } from './lib/dates';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 5 },
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // Typed dates are read in the format the field shows (Mantine's default parser is `new Date`).
    DateInput: { defaultProps: { dateParser: parseTypedDate } },
    // The initial-focus placeholder is a focusable, role-less div inside role="menu" (axe
    // `aria-required-children`, critical); without it the menu focuses its first item.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
  },
});

/**
 * The theme in the UI language: every drawer's and modal's ✕ gets a name a screen reader says
 * (axe `button-name`), set once here rather than on each of them.
 */
export function localizedTheme(closeLabel: string): MantineThemeOverride {
  const closeButtonProps = { 'aria-label': closeLabel };
  return mergeThemeOverrides(theme, {
    components: {
      Modal: { defaultProps: { closeButtonProps } },
      Drawer: { defaultProps: { closeButtonProps } },
    },
  });
}

/**
 * Mantine's defaults for dimmed text (gray 6) and light-variant labels (blue 6 on a blue tint) fall
 * below WCAG AA contrast on white; three shades darker passes; the primary shade 8 carries white text (axe `color-contrast`).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      ['blue', 'teal', 'green', 'red', 'orange', 'grape', 'gray', 'indigo', 'yellow', 'cyan', 'pink', 'violet'].map((c) => [
        `--mantine-color-${c}-light-color`,
        `var(--mantine-color-${c}-9)`,
      ]),
    ),
    // Coloured text (a red "Sign out" or "Delete" menu item) at AA contrast on white and on hover.
    ...Object.fromEntries(['red', 'teal', 'green', 'orange', 'grape'].map((c) => [`--mantine-color-${c}-text`, `var(--mantine-color-${c}-9)`])),
  },
  dark: {},
});
