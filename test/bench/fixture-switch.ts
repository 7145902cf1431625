import type { Page } from '@playwright/test';

/**
 * One ticket switch in the Zendesk fixture, waited out: the fixture shows the new pane `switchDelayMs` after the URL
 * changes (as the real workspace does), then `stayMs` more for the frames and observers that follow to settle.
 */
export async function switchTicket(page: Page, ticketId: string, stayMs = 60): Promise<void> {
  await page.evaluate(
    async ([ticket, stay]) => {
      const w = window as unknown as { __fixture: { navigate(id: string): void; switchDelayMs: number } };
      w.__fixture.navigate(ticket);
      await new Promise((done) => setTimeout(done, w.__fixture.switchDelayMs + stay));
    },
    [ticketId, stayMs] as const,
  );
}
