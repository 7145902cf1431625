/** The six service dimensions (PRODUCT.md, rule 4), in the order the radar and tables show them. */
export const DIMENSIONS = [
  'product_quality',
  'response_speed',
  'staff_professionalism',
  'value_for_money',
  'after_sales_support',
  'ease_of_communication',
] as const;
