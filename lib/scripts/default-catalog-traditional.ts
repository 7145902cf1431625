import type { ScriptEntryInput } from '../schema/scripts';

/**
 * Traditional Chinese (Taiwan) versions trainers wrote of built-in Simplified scripts, for the situations where
 * wording matters most: money taken and urgent complaints. Each is ranked as the script it is a version of
 * (`variantOf`) and shown in its place to agents reading Traditional; other Simplified scripts reach them as
 * reading copies marked as converted (default-reading-copies.ts). Matching words come from the original, so these
 * carry only what a Taiwanese customer says differently.
 */
export const TRADITIONAL_ENTRIES: ScriptEntryInput[] = [
  {
    id: 'fraud-escalation-zh-tw',
    variantOf: 'fraud-escalation-zh',
    locale: 'zh_TW',
    scenario: 'fraud_escalation',
    title: '帳戶資金遺失／盜刷：保護帳戶並升級處理',
    tags: ['fraud', 'urgent', 'security'],
    grades: ['urgent'],
    triggerKeywords: ['盜刷', '資金遺失', '被盜', '詐騙', '錢不見了', '未經授權'],
    phrases: ['信用卡被盜刷', '帳戶被盜用', '不是我本人刷的', '被詐騙集團騙了'],
    body: '謝謝您第一時間通知我們。我已凍結您的帳戶，避免再有任何交易，並已升級給安全主管處理，主管會在 30 分鐘內與您聯繫。請勿將驗證碼提供給任何來電者。',
  },
  {
    id: 'urgent-complaint-escalation-zh-tw',
    variantOf: 'urgent-complaint-escalation-zh',
    locale: 'zh_TW',
    scenario: 'complaint_escalation',
    title: '緊急申訴：30 分鐘內由主管聯繫',
    tags: ['complaint', 'urgent', 'escalation'],
    grades: ['urgent'],
    triggerKeywords: ['緊急', '馬上', '立刻', '嚴重', '律師', '提告', '消保官', '消基會', '1950'],
    phrases: ['我要申訴', '要找消保官', '打 1950 消費者服務專線'],
    body: '謝謝您向我們反映。我已將您的問題列為緊急申訴並升級給主管，主管會在 30 分鐘內與您聯繫，我也會持續追蹤。問題解決前我們會隨時向您更新進度，最晚 24 小時內給您明確的答覆。',
  },
];
