import type { AreaMessages } from './area';

/**
 * The rules and settings pages' messages. Keys start with "rules."; zh-CN and zh-TW must have every English key with
 * the same {placeholders} (console/src/i18n/catalogues.test.ts checks the merged catalogues).
 */
export const en = {
  'nav.rules': 'Rules and settings',
} as const;

export const zhCN: AreaMessages<typeof en> = {
  'nav.rules': '规则与设置',
};

export const zhTW: AreaMessages<typeof en> = {
  'nav.rules': '規則與設定',
};
