import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/**
 * The icon set, keyed by the catalog's `icon` slugs (categories and topics). Icons are inline SVG written here —
 * never markup or URLs from data: an unknown slug renders the generic service icon. 24×24, stroked with
 * `currentColor`, so they follow the text colour and contrast.
 */
const ICONS = new Map<string, SVGTemplateResult>([
  ['service', svg`<rect x="4" y="4" width="7" height="7" rx="1.5"/><rect x="13" y="4" width="7" height="7" rx="1.5"/><rect x="4" y="13" width="7" height="7" rx="1.5"/><rect x="13" y="13" width="7" height="7" rx="1.5"/>`],
  ['wallet', svg`<path d="M4 7.5A2.5 2.5 0 0 1 6.5 5H18v3"/><rect x="4" y="8" width="16" height="11" rx="2"/><circle cx="16" cy="13.5" r="1.2"/>`],
  ['water', svg`<path d="M12 3.5s-6 6.6-6 10.5a6 6 0 0 0 12 0c0-3.9-6-10.5-6-10.5z"/><path d="M9.5 14.5a2.5 2.5 0 0 0 2.5 2.5"/>`],
  ['power', svg`<path d="M13 3 5 13.5h6l-1 7.5 8-10.5h-6z"/>`],
  ['flame', svg`<path d="M12 21a6 6 0 0 0 6-6c0-4-3-6-4-10-2 2-3 4-3 6-1-1-2-2-2-3.5C7.5 9.5 6 12 6 15a6 6 0 0 0 6 6z"/>`],
  ['broadband', svg`<path d="M3.5 9.5a12 12 0 0 1 17 0"/><path d="M6.5 12.5a7.8 7.8 0 0 1 11 0"/><path d="M9.5 15.5a3.5 3.5 0 0 1 5 0"/><circle cx="12" cy="18.5" r="1"/>`],
  ['car', svg`<path d="M5 16v-4l2-5h10l2 5v4"/><rect x="3.5" y="12" width="17" height="5" rx="1.5"/><circle cx="7.5" cy="17.5" r="1.5"/><circle cx="16.5" cy="17.5" r="1.5"/>`],
  ['police', svg`<path d="M12 3 4.5 6v5.5c0 4.4 3.2 8.2 7.5 9.5 4.3-1.3 7.5-5.1 7.5-9.5V6z"/><path d="m12 8 1.2 2.5 2.8.4-2 2 .5 2.8-2.5-1.3-2.5 1.3.5-2.8-2-2 2.8-.4z"/>`],
  ['ticket', svg`<path d="M4 7h16v3a2 2 0 0 0 0 4v3H4v-3a2 2 0 0 0 0-4z"/><path d="M14 7v10" stroke-dasharray="2 2"/>`],
  ['bus', svg`<rect x="5" y="3.5" width="14" height="14" rx="2.5"/><path d="M5 11h14"/><path d="M7.5 17.5V20M16.5 17.5V20"/><circle cx="8.5" cy="14.3" r=".9"/><circle cx="15.5" cy="14.3" r=".9"/>`],
  ['metro', svg`<rect x="6" y="3.5" width="12" height="13" rx="3"/><path d="M6 10.5h12"/><path d="m8 21 2-4.5M16 21l-2-4.5"/>`],
  ['shield', svg`<path d="M12 3 4.5 6v5.5c0 4.4 3.2 8.2 7.5 9.5 4.3-1.3 7.5-5.1 7.5-9.5V6z"/><path d="m9 12 2 2 4-4"/>`],
  ['medical', svg`<rect x="4" y="6" width="16" height="13" rx="2"/><path d="M9 6V4.5h6V6"/><path d="M12 9.5v6M9 12.5h6"/>`],
  ['hospital', svg`<path d="M4 20V8l8-4 8 4v12z"/><path d="M12 9v6M9 12h6"/><path d="M10 20v-3h4v3"/>`],
  ['home', svg`<path d="m3.5 11 8.5-7 8.5 7"/><path d="M6 9.5V20h12V9.5"/><path d="M10 20v-5h4v5"/>`],
  ['fund', svg`<circle cx="12" cy="12" r="8"/><path d="M9.5 9.5 12 12l2.5-2.5M9 13h6M9 15.5h6M12 12v6"/>`],
  ['passport', svg`<rect x="5.5" y="3.5" width="13" height="17" rx="2"/><circle cx="12" cy="10.5" r="3"/><path d="M9 16.5h6"/>`],
  ['id-card', svg`<rect x="3" y="5.5" width="18" height="13" rx="2"/><circle cx="8.5" cy="11" r="2"/><path d="M5.5 16c.6-1.6 1.7-2.3 3-2.3s2.4.7 3 2.3M14 10h4M14 13h3"/>`],
  ['city', svg`<path d="M3.5 20.5h17"/><path d="M5 20.5V9l5-2.5v14"/><path d="M10 20.5V4h6v16.5"/><path d="M16 11h3.5v9.5"/><path d="M12.5 7.5h1M12.5 10.5h1M12.5 13.5h1"/>`],
  ['book', svg`<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3H20v15H6.5A2.5 2.5 0 0 0 4 20.5z"/><path d="M4 20.5A2.5 2.5 0 0 1 6.5 18H20v3H6.5"/>`],
  ['weather', svg`<circle cx="9" cy="9" r="3.5"/><path d="M9 2.5v1.5M3.5 9H2M4.4 4.4l1 1M13.6 4.4l-1 1"/><path d="M8 20h9.5a3.5 3.5 0 0 0 0-7 5 5 0 0 0-9.5 1.5A2.8 2.8 0 0 0 8 20z"/>`],
  ['tax', svg`<rect x="5" y="3.5" width="14" height="17" rx="2"/><path d="M8.5 8h7M8.5 12h7M8.5 16h4"/>`],
  ['education', svg`<path d="m2.5 9 9.5-5 9.5 5-9.5 5z"/><path d="M6.5 11v5c1.5 1.5 3.5 2.5 5.5 2.5s4-1 5.5-2.5v-5"/><path d="M21.5 9v5"/>`],
  ['marriage', svg`<circle cx="9" cy="14" r="5"/><circle cx="15" cy="14" r="5"/><path d="m10.5 5 1.5-2 1.5 2-1.5 2z"/>`],
  ['legal', svg`<path d="M12 3.5v17M7 20.5h10M5 6.5h14"/><path d="m5 6.5-2.5 6a2.5 2.5 0 0 0 5 0zM19 6.5l-2.5 6a2.5 2.5 0 0 0 5 0z"/>`],
  ['tree', svg`<path d="M12 21v-6"/><path d="M12 3 6 11h3l-3.5 4.5h13L15 11h3z"/>`],
  ['phone', svg`<rect x="7" y="2.5" width="10" height="19" rx="2"/><path d="M11 18.5h2"/>`],
  ['location', svg`<path d="M12 21s-6.5-6.1-6.5-11a6.5 6.5 0 0 1 13 0c0 4.9-6.5 11-6.5 11z"/><circle cx="12" cy="10" r="2.5"/>`],
  ['search', svg`<circle cx="10.5" cy="10.5" r="6"/><path d="m15 15 5.5 5.5"/>`],
  ['close', svg`<path d="M6 6l12 12M18 6 6 18"/>`],
  ['alert', svg`<path d="M12 3.5 2.5 20h19z"/><path d="M12 10v4.5M12 17.3v.2"/>`],
  ['offline', svg`<path d="M3 4l18 16"/><path d="M8.5 15.5a5 5 0 0 1 7-.1M5.5 12.5a9 9 0 0 1 4-2.2M14.5 10.4a9 9 0 0 1 4 2.1M2.5 9.5a13 13 0 0 1 4.5-2.8M11 6a13 13 0 0 1 10.5 3.5"/><circle cx="12" cy="19" r="1"/>`],
  ['chevron', svg`<path d="m9 5.5 6.5 6.5L9 18.5"/>`],
  ['check', svg`<path d="m5 12.5 4.5 4.5L19 7.5"/>`],
  ['people', svg`<circle cx="9" cy="8" r="3"/><path d="M3.5 19a5.5 5.5 0 0 1 11 0"/><circle cx="17" cy="9" r="2.5"/><path d="M15.5 14.2a4.5 4.5 0 0 1 5.5 4.3"/>`],
  ['briefcase', svg`<rect x="3.5" y="7" width="17" height="12" rx="2"/><path d="M9 7V5.5A1.5 1.5 0 0 1 10.5 4h3A1.5 1.5 0 0 1 15 5.5V7M3.5 12.5h17"/>`],
  ['plane', svg`<path d="M21 15.5 13.5 11V5.5a1.5 1.5 0 0 0-3 0V11L3 15.5V17l7.5-2.5V19l-2 1.5V22l3.5-1 3.5 1v-1.5l-2-1.5v-4.5L21 17z"/>`],
  ['document', svg`<path d="M14 3.5H7A1.5 1.5 0 0 0 5.5 5v14A1.5 1.5 0 0 0 7 20.5h10a1.5 1.5 0 0 0 1.5-1.5V8zM14 3.5V8h4.5"/><path d="M8.5 12.5h7M8.5 16h5"/>`],
  ['landmark', svg`<path d="M3.5 9 12 4l8.5 5z"/><path d="M5.5 9v8M10 9v8M14 9v8M18.5 9v8M3.5 20h17M4.5 17h15"/>`],
]);

/** The slugs this set draws: the icon vocabulary of catalogs (`Category.icon`, `Topic.icon`). */
export const ICON_NAMES: readonly string[] = [...ICONS.keys()];

/** True when the set has an icon for this slug. */
export function hasIcon(name: string | undefined): boolean {
  return name !== undefined && ICONS.has(name);
}

/**
 * An inline, decorative SVG icon (`aria-hidden`): the accessible name comes from the text next to it.
 * Unknown or missing slugs fall back to the generic service icon.
 */
export function icon(name: string | undefined, part = 'icon'): TemplateResult {
  const body = (name !== undefined && ICONS.get(name)) || ICONS.get('service')!;
  return html`<svg part=${part} class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
}
