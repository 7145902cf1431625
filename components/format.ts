/** "1 h 05 m", "12 m", "45 s", with a minus sign once breached. Pure, for the countdowns. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (days > 0) return `${sign}${days} d ${hours} h`;
  if (hours > 0) return `${sign}${hours} h ${String(minutes).padStart(2, '0')} m`;
  if (minutes > 0) return `${sign}${minutes} m`;
  return `${sign}${total % 60} s`;
}

export type Lang = 'en' | 'zh_CN';
