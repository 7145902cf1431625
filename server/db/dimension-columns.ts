import type { SatisfactionDimension } from '../../lib/schema/events';

/** feedback's column for each satisfaction dimension (fixed names: migrations must never change with the enum). */
export const DIMENSION_COLUMN: Record<SatisfactionDimension, DimensionColumn> = {
  product_quality: 'dim_product_quality',
  response_speed: 'dim_response_speed',
  staff_professionalism: 'dim_staff_professionalism',
  value_for_money: 'dim_value_for_money',
  after_sales_support: 'dim_after_sales_support',
  ease_of_communication: 'dim_ease_of_communication',
};

export const DIMENSION_COLUMNS = [
  'dim_product_quality',
  'dim_response_speed',
  'dim_staff_professionalism',
  'dim_value_for_money',
  'dim_after_sales_support',
  'dim_ease_of_communication',
] as const;
export type DimensionColumn = (typeof DIMENSION_COLUMNS)[number];
