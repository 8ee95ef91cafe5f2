import { css, unsafeCSS } from 'lit';

/**
 * Design tokens. Pages theme the components with the public `--city-*` custom properties (they inherit through
 * shadow roots); each component resolves them, with these defaults, into private `--_*` properties on `:host`.
 *
 * Public tokens:
 * - colours: `--city-color-primary`, `--city-color-on-primary`, `--city-color-surface`, `--city-color-surface-variant`,
 *   `--city-color-text`, `--city-color-text-muted`, `--city-color-border`, `--city-color-danger`, `--city-color-warning`,
 *   `--city-color-warning-surface`, `--city-color-success`, `--city-color-highlight`, `--city-focus-ring-color`
 * - type: `--city-font-family`, `--city-font-size-base`, `--city-font-size-small`, `--city-font-size-large`, `--city-line-height`
 * - shape and space: `--city-radius`, `--city-spacing`, `--city-target-size`, `--city-focus-ring-width`
 *
 * Every default text colour reaches WCAG AA (≥ 4.5:1) on the default surfaces, light and dark.
 */

/** Light defaults. */
export const LIGHT = {
  primary: '#0b57d0', // 6.6:1 on white
  onPrimary: '#ffffff',
  surface: '#ffffff',
  surfaceVariant: '#f1f4f8',
  text: '#1b1c1f',
  textMuted: '#50565e', // 6.8:1 on white, 6.2:1 on surface-variant
  border: '#72777f', // ≥ 3:1 non-text contrast
  danger: '#b3261e',
  warning: '#6b4a00',
  warningSurface: '#fff4d6',
  success: '#146c2e',
  highlight: '#ffe08a',
  focus: '#0b57d0',
} as const;

/** Dark defaults (used under `prefers-color-scheme: dark` unless the page sets the tokens). */
export const DARK = {
  primary: '#a8c7fa',
  onPrimary: '#062e6f',
  surface: '#1b1c1f',
  surfaceVariant: '#2a2d33',
  text: '#e3e3e6',
  textMuted: '#c2c6ce',
  border: '#8c9199',
  danger: '#ffb4ab',
  warning: '#f5d27a',
  warningSurface: '#3d2f00',
  success: '#8fd8a0',
  highlight: '#6b5300',
  focus: '#a8c7fa',
} as const;

/**
 * Elder-mode (适老化) values: body text ≥ 18 pt (24 px; pages may raise `--city-elder-font-size` to 30 px or more),
 * line height ≥ 1.3, touch targets ≥ 60 px, stronger contrast (≥ 7:1 for text).
 */
export const ELDER = {
  fontSize: '24px',
  fontSizeSmall: '24px',
  fontSizeLarge: '30px',
  lineHeight: '1.5',
  targetSize: '60px',
  spacing: '12px',
  text: '#000000',
  textMuted: '#303338',
  focusWidth: '4px',
} as const;

// `unsafeCSS` only ever receives the constants in this file — never data.
const palette = (p: typeof LIGHT | typeof DARK) => unsafeCSS(`
    --_primary: var(--city-color-primary, ${p.primary});
    --_on-primary: var(--city-color-on-primary, ${p.onPrimary});
    --_surface: var(--city-color-surface, ${p.surface});
    --_surface-variant: var(--city-color-surface-variant, ${p.surfaceVariant});
    --_text: var(--city-color-text, ${p.text});
    --_text-muted: var(--city-color-text-muted, ${p.textMuted});
    --_border: var(--city-color-border, ${p.border});
    --_danger: var(--city-color-danger, ${p.danger});
    --_warning: var(--city-color-warning, ${p.warning});
    --_warning-surface: var(--city-color-warning-surface, ${p.warningSurface});
    --_success: var(--city-color-success, ${p.success});
    --_highlight: var(--city-color-highlight, ${p.highlight});
    --_focus: var(--city-focus-ring-color, ${p.focus});
`);

/**
 * Elder-mode token values as declarations, for pages that want a whole region in elder mode:
 * `.elder { ${elderDeclarations} }`, or adopt {@link elderModeStyles}.
 */
const elderSizeDeclarations = `
  --city-font-size-base: var(--city-elder-font-size, ${ELDER.fontSize});
  --city-font-size-small: var(--city-elder-font-size, ${ELDER.fontSizeSmall});
  --city-font-size-large: var(--city-elder-font-size-large, ${ELDER.fontSizeLarge});
  --city-line-height: ${ELDER.lineHeight};
  --city-target-size: ${ELDER.targetSize};
  --city-spacing: ${ELDER.spacing};
  --city-focus-ring-width: ${ELDER.focusWidth};
`;
export const elderDeclarations = `${elderSizeDeclarations}
  --city-color-text: ${ELDER.text};
  --city-color-text-muted: ${ELDER.textMuted};
`;

/**
 * A stylesheet for the page: `[mode="elder"]` on any ancestor (e.g. `<body mode="elder">` or a wrapper `<div>`)
 * switches every CityHub component inside it to elder mode. Adopt it with
 * `document.adoptedStyleSheets.push(elderModeStyles.styleSheet!)`.
 */
export const elderModeStyles = css`
  [mode='elder'] {
    ${unsafeCSS(elderDeclarations)}
  }
  @media (prefers-color-scheme: dark) {
    [mode='elder'] {
      --city-color-text: #ffffff;
      --city-color-text-muted: #e3e3e6;
    }
  }
`;

/** Resolves the tokens on `:host`; every component includes it first. */
export const tokenStyles = css`
  :host {
    ${palette(LIGHT)}
    --_font-size: var(--city-font-size-base, 16px);
    --_font-size-small: var(--city-font-size-small, 14px);
    --_font-size-large: var(--city-font-size-large, 20px);
    --_line-height: var(--city-line-height, 1.5);
    --_radius: var(--city-radius, 8px);
    --_space: var(--city-spacing, 8px);
    --_target: var(--city-target-size, 44px);
    --_focus-width: var(--city-focus-ring-width, 3px);
    font-family: var(--city-font-family, system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${palette(DARK)}
    }
  }
  /* Elder mode on the element: larger sizes; stronger text colours only as fallbacks, so a theme the page set
     (e.g. dark tokens) keeps its own contrast instead of black-on-dark. */
  :host([mode='elder']) {
    ${unsafeCSS(elderSizeDeclarations)}
    --_text: var(--city-color-text, ${unsafeCSS(ELDER.text)});
    --_text-muted: var(--city-color-text-muted, ${unsafeCSS(ELDER.textMuted)});
  }
  @media (prefers-color-scheme: dark) {
    :host([mode='elder']) {
      --_text: var(--city-color-text, #ffffff);
      --_text-muted: var(--city-color-text-muted, #e3e3e6);
    }
  }
`;
