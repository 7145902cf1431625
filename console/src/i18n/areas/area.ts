/** Another language's messages for one area of the console: every key of its English messages, as plain strings. */
export type AreaMessages<English extends Record<string, string>> = Record<keyof English, string>;
