import { signal } from '@preact/signals';
import { type Answer, api } from '../api/client';

export type QualitySettings = Answer<'getQualitySettings'>;

/** The server's defaults (lib/schema/quality.ts), until the organisation's own settings arrive. */
export const quality = signal<QualitySettings>({
  bands: { greenAtLeast: 90, yellowPoints: 10 },
  actionDueHours: 72,
  smallSampleBelow: 10,
});

/** The admin's ranking bands and small-sample threshold: every page flags small n by the same rule. */
export async function loadQuality(): Promise<void> {
  const { data } = await api.GET('/api/v1/quality-settings');
  if (data) quality.value = data;
}
