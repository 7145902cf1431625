import type { AreaMessages } from './area';

/**
 * The people and access pages' messages. Keys start with "people."; zh-CN and zh-TW must have every English key with
 * the same {placeholders} (console/src/i18n/catalogues.test.ts checks the merged catalogues).
 */
export const en = {
  'nav.people': 'People and access',
} as const;

export const zhCN: AreaMessages<typeof en> = {
  'nav.people': '人员与权限',
};

export const zhTW: AreaMessages<typeof en> = {
  'nav.people': '人員與權限',
};
