/**
 * The language of the worker's texts (profile summary, explanations): the configured `language`;
 * `zh`, `zh-CN`, `zh-Hant`… are Chinese, anything else English.
 */
export const localeOf = (config: { language?: string | undefined }): 'en' | 'zh' =>
  typeof config.language === 'string' && config.language.toLowerCase().startsWith('zh')
    ? 'zh'
    : 'en';
