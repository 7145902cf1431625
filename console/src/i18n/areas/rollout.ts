import type { AreaMessages } from './area';

/**
 * The rollout and fleet pages' messages. Keys start with "rollout."; zh-CN and zh-TW must have every English key with
 * the same {placeholders} (console/src/i18n/catalogues.test.ts checks the merged catalogues).
 */
export const en = {
  'nav.rollout': 'Rollout and fleet',
} as const;

export const zhCN: AreaMessages<typeof en> = {
  'nav.rollout': '部署与设备',
};

export const zhTW: AreaMessages<typeof en> = {
  'nav.rollout': '部署與裝置',
};
