import { Anchor, Button, type AnchorProps, type ButtonProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

/*
 * Mantine's `component={Link}` loses the router's types (params and search go unchecked);
 * createLink keeps them.
 */
type AnchorBase = Omit<AnchorProps, 'href'> & AnchorHTMLAttributes<HTMLAnchorElement>;
const AnchorBaseLink = forwardRef<HTMLAnchorElement, AnchorBase>(function AnchorBaseLink(props, ref) {
  return <Anchor ref={ref} {...props} />;
});
const CreatedAnchorLink = createLink(AnchorBaseLink);
export const AnchorLink: LinkComponent<typeof AnchorBaseLink> = (props) => <CreatedAnchorLink {...props} />;

type ButtonBase = Omit<ButtonProps, 'href'> & AnchorHTMLAttributes<HTMLAnchorElement>;
const ButtonBaseLink = forwardRef<HTMLAnchorElement, ButtonBase>(function ButtonBaseLink(props, ref) {
  return <Button ref={ref} component="a" {...props} />;
});
const CreatedButtonLink = createLink(ButtonBaseLink);
export const ButtonLink: LinkComponent<typeof ButtonBaseLink> = (props) => <CreatedButtonLink {...props} />;
