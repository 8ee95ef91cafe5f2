/** A space- or comma-separated attribute as a list of strings (`app-schemes="alipays weixin"`, `providers="sandbox wechat"`). */
export const listConverter = {
  fromAttribute: (value: string | null) => (value ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
  toAttribute: (value: readonly string[]) => value.join(' '),
};
