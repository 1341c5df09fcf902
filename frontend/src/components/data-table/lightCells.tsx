import { ActionIcon, Anchor, Badge, Checkbox, Text, UnstyledButton } from '@mantine/core';
import type { ChangeEventHandler, CSSProperties, MouseEventHandler, ReactNode } from 'react';
import classes from './cells.module.css';

/*
 * A page of the customers list mounts 50 rows at once on every search, and with Mantine's
 * components in every cell (each a styled Box resolving theme, props and CSS variables) that was
 * most of the time from the response to the rendered rows. These draw the same markup with
 * Mantine's classes on plain elements; anything interactive beyond a click (the row menu) is
 * built with the real component when first used.
 */

export const cellClasses = classes;

/** Checkbox, size "sm", variant "filled". */
export function RowCheckbox(props: {
  checked: boolean;
  onChange: ChangeEventHandler<HTMLInputElement>;
  'aria-label': string;
  'data-testid'?: string;
}) {
  return (
    <div className={classes.check}>
      <div className={Checkbox.classes.inner} data-label-position="right">
        <input type="checkbox" className={`mantine-focus-auto ${Checkbox.classes.input}`} {...props} />
        <svg viewBox="0 0 10 7" fill="none" aria-hidden="true" className={Checkbox.classes.icon}>
          <path
            d="M4 4.586L1.707 2.293A1 1 0 1 0 .293 3.707l3 3a.997.997 0 0 0 1.414 0l5-5A1 1 0 1 0 8.293.293L4 4.586z"
            fill="currentColor"
            fillRule="evenodd"
            clipRule="evenodd"
          />
        </svg>
      </div>
    </div>
  );
}

/** Badge, size "sm", radius "sm"; `style` sets its colours (`--badge-bg`, `--badge-color`, `--badge-bd`). */
export function Chip({ children, style, title, variant = 'filled', testId }: {
  children: ReactNode;
  style?: CSSProperties;
  title?: string;
  variant?: 'filled' | 'outline' | 'default';
  testId?: string;
}) {
  return (
    <div className={`${Badge.classes.root} ${classes.chip}`} data-variant={variant} data-size="sm" style={style} title={title} data-testid={testId}>
      <span className={Badge.classes.label}>{children}</span>
    </div>
  );
}

/** The classes of an Anchor, size "sm", underlined on hover: for a router link in a cell. */
export const cellLinkClassName = `mantine-focus-auto ${Text.classes.root} ${Anchor.classes.root} ${classes.link}`;
export const cellLinkProps = { className: cellLinkClassName, 'data-size': 'sm', 'data-underline': 'hover' } as const;

/** ActionIcon, variant "subtle", colour "gray", with the three dots. */
export function RowMenuButton({ label, onClick }: { label: string; onClick: MouseEventHandler<HTMLButtonElement> }) {
  return (
    <button
      type="button"
      className={`mantine-focus-auto mantine-active ${ActionIcon.classes.root} ${UnstyledButton.classes.root} ${classes.rowMenu}`}
      data-variant="subtle"
      aria-label={label}
      aria-haspopup="menu"
      data-no-row-open
      onClick={onClick}
    >
      <span className={ActionIcon.classes.icon}>
        <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M4 12a1 1 0 1 0 2 0a1 1 0 1 0 -2 0" />
          <path d="M11 12a1 1 0 1 0 2 0a1 1 0 1 0 -2 0" />
          <path d="M18 12a1 1 0 1 0 2 0a1 1 0 1 0 -2 0" />
        </svg>
      </span>
    </button>
  );
}
