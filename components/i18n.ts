/** Message lookup passed into components, so they never touch `browser.i18n` themselves. */
export type Translate = (key: string, substitutions?: string | string[]) => string;
