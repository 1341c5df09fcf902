import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Serious or critical accessibility problems axe finds on the page as it is now (optionally in one part). */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  // Colours are judged as they end up: a control still animating into place (a segmented
  // control's indicator sliding under its label) is measured against a moving background.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 8).join(', ')}`);
}
