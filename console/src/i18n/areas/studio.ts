import type { AreaMessages } from './area';

/**
 * The script studio pages' messages. Keys start with "studio."; zh-CN and zh-TW must have every English key with
 * the same {placeholders} (console/src/i18n/catalogues.test.ts checks the merged catalogues).
 */
export const en = {
  'nav.studio': 'Script studio',
} as const;

export const zhCN: AreaMessages<typeof en> = {
  'nav.studio': '话术工作室',
};

export const zhTW: AreaMessages<typeof en> = {
  'nav.studio': '話術工作室',
};
