import type { TicketPriority, TicketStatus } from '../schema/ticket';

/**
 * Status and priority labels as Chinese-language helpdesk interfaces show them (Zendesk, Salesforce and the ticket
 * systems most used in China), Simplified and Traditional. An agent who works in a Chinese helpdesk UI sees "已关闭"
 * where an English one sees "Closed": without these, such a ticket's status or priority would go unread (or, on
 * Salesforce, a closed case be taken for an open one), and its SLA clocks with it. Each adapter asks here after its
 * own English names, which stay first. Exact labels only: a word that merely contains 待 or 急 says too little.
 */
const STATUS_LABELS: Record<TicketStatus, readonly string[]> = {
  new: [
    '新',
    '新建',
    '新增',
    '新的',
    '新工单',
    '新工單',
    '新案例',
    '新請求',
    '新请求',
    '未处理',
    '未處理',
    '待受理',
    '未受理',
    '未分配',
  ],
  open: [
    '开放',
    '開放',
    '开启',
    '開啟',
    '已开启',
    '已開啟',
    '打开',
    '打開',
    '处理中',
    '處理中',
    '进行中',
    '進行中',
    '正在处理',
    '正在處理',
    '待处理',
    '待處理',
    '受理中',
    '工作中',
    '已上报',
    '已呈報',
    '已升级',
    '已升級',
    '升级',
    '升級',
    '重新打开',
    '重新開啟',
    '已重新打开',
    '已重新開啟',
    '打开的',
    '已打开',
    '已提报',
    '已提報',
  ],
  pending: [
    '待定',
    '待回应',
    '待回應',
    '待回复',
    '待回覆',
    '等待中',
    '等待回复',
    '等待回覆',
    '等待客户',
    '等待客戶',
    '等待客户回复',
    '等待客戶回覆',
    '等待客户响应',
    '待客户响应',
    '待客戶回應',
    '等待客戶回應',
    '待客户回复',
    '待客戶回覆',
    '待客户确认',
    '待客戶確認',
    '未决',
    '未決',
    '正在等待您的回复',
    '正在等待您的回覆',
    '待反馈',
    '待反饋',
    '挂起提醒',
    '掛起提醒',
    '等待关闭',
    '等待關閉',
  ],
  hold: ['暂停', '暫停', '保留', '搁置', '擱置', '挂起', '掛起', '暂缓', '暫緩', '等待第三方'],
  solved: ['已解决', '已解決', '解决', '解決', '已处理', '已處理', '待确认结果', '待確認結果'],
  closed: [
    '已关闭',
    '已關閉',
    '关闭',
    '關閉',
    '已结案',
    '已結案',
    '结案',
    '結案',
    '已归档',
    '已歸檔',
    '已结束',
    '已結束',
    '已完结',
    '已完結',
    '已结单',
    '已結單',
    '已完成',
  ],
};

const PRIORITY_LABELS: Record<TicketPriority, readonly string[]> = {
  low: ['低', '较低', '較低', '最低'],
  normal: ['正常', '一般', '中', '中等', '普通', '标准', '標準'],
  high: ['高', '较高', '較高', '重要'],
  urgent: ['紧急', '緊急', '急', '严重', '嚴重', '关键', '關鍵', '最高', '非常紧急', '非常緊急', '特急'],
};

function index<T extends string>(table: Record<T, readonly string[]>): Map<string, T> {
  const byLabel = new Map<string, T>();
  for (const [value, labels] of Object.entries(table) as [T, readonly string[]][]) {
    for (const label of labels) byLabel.set(label, value);
  }
  return byLabel;
}
const statuses = index(STATUS_LABELS);
const priorities = index(PRIORITY_LABELS);

/** A status from a label a Chinese helpdesk UI shows ("已关闭" → closed); undefined for any other label. */
export function chineseStatus(label: string): TicketStatus | undefined {
  return statuses.get(label.replace(/\s+/g, ''));
}

/** A priority from a label a Chinese helpdesk UI shows ("紧急" → urgent); undefined for any other label. */
export function chinesePriority(label: string): TicketPriority | undefined {
  return priorities.get(label.replace(/\s+/g, ''));
}

/** The tables themselves, for the check that no label stands for two values. */
export const CHINESE_LABELS = { statuses: STATUS_LABELS, priorities: PRIORITY_LABELS } as const;
