import { css } from 'lit';

export const styles = css`
  :host {
    --_hub-max-width: var(--city-hub-max-width, 60rem);
    --_hub-header-background: var(--city-hub-header-background, var(--_surface-variant));
    background: var(--_surface);
    color: var(--_text);
  }
  .header {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    padding-block: var(--_space);
    padding-inline: clamp(calc(var(--_space) / 2), 2.5%, calc(var(--_space) * 2));
    background: var(--_hub-header-background);
    border-block-end: 1px solid var(--_border);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    max-inline-size: var(--_hub-max-width);
    margin-inline: auto;
    inline-size: 100%;
  }
  .title {
    font-size: var(--_font-size-large);
    font-weight: 700;
    line-height: var(--_line-height);
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-inline-start: auto;
    min-inline-size: 0;
  }
  .city-button {
    text-decoration: none;
    font-weight: 600;
  }
  .text-size {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .text-size .button {
    padding-inline: var(--_space);
  }
  .text-size .size-24 {
    font-size: 24px;
  }
  .text-size .size-28 {
    font-size: 28px;
  }
  .text-size .size-32 {
    font-size: 32px;
  }
  .text-size .button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .switch {
    gap: var(--_space);
  }
  .switch .track {
    position: relative;
    display: inline-block;
    inline-size: 2em;
    block-size: 1.3em;
    border-radius: 1em;
    border: 2px solid var(--_primary);
    background: var(--_surface);
    flex: none;
  }
  .switch .thumb {
    position: absolute;
    inset-block-start: 50%;
    inset-inline-start: 0.15em;
    inline-size: 0.8em;
    block-size: 0.8em;
    border-radius: 50%;
    background: var(--_primary);
    translate: 0 -50%;
    transition: inset-inline-start 120ms ease;
  }
  .switch[aria-checked='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .switch[aria-checked='true'] .track {
    border-color: var(--_on-primary);
    background: var(--_primary);
  }
  .switch[aria-checked='true'] .thumb {
    inset-inline-start: calc(100% - 0.95em);
    background: var(--_on-primary);
  }
  @media (prefers-reduced-motion: reduce) {
    .switch .thumb {
      transition: none;
    }
  }
  .locale-field {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  select {
    max-inline-size: 100%;
    min-block-size: var(--_target);
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  .nav {
    max-inline-size: var(--_hub-max-width);
    margin-inline: auto;
    inline-size: 100%;
  }
  .nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .nav-link {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    padding-inline: var(--_space);
    border-radius: var(--_radius);
    color: var(--_text);
    text-decoration: none;
  }
  .nav-link[aria-current='page'] {
    color: var(--_primary);
    font-weight: 700;
    box-shadow: inset 0 -3px 0 var(--_primary);
  }
  /* A phone-sized header (the width scales with the text size): one flowing bar with tighter spacing, the language
     label for screen readers only, navigation without icons. */
  @container (width < 34em) {
    .bar,
    .nav ul,
    .switch {
      gap: calc(var(--_space) / 2);
    }
    .tools {
      display: contents;
    }
    .locale-field > span {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .button,
    .text-size .button,
    .nav-link,
    select {
      padding-inline: calc(var(--_space) / 2);
    }
    .nav-link .icon {
      display: none;
    }
  }
  .main {
    max-inline-size: var(--_hub-max-width);
    margin-inline: auto;
    padding-block: calc(var(--_space) * 2);
    padding-inline: calc(var(--_space) * 2);
  }
  /* The host's footer lines up with the page above it (no height when the slot is empty). */
  .footer {
    max-inline-size: var(--_hub-max-width);
    margin-inline: auto;
    padding-inline: calc(var(--_space) * 2);
  }
  .view {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .heading {
    margin: 0;
    font-size: var(--_font-size-large);
    line-height: 1.3;
  }
  .heading:focus:not(:focus-visible) {
    outline: none;
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .back {
    align-self: flex-start;
    padding-inline: var(--_space) calc(var(--_space) * 2);
  }
  .icon {
    inline-size: 1.25em;
    block-size: 1.25em;
  }
  .icon.flip {
    scale: -1 1;
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin-block-start: var(--_space);
  }
  .section-title {
    margin: 0;
    font-size: var(--_font-size);
    font-weight: 700;
    line-height: var(--_line-height);
  }
  .subsection-title {
    margin: var(--_space) 0 0;
    font-size: var(--_font-size);
    font-weight: 600;
  }
  .card {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .lead {
    margin: 0;
    font-weight: 600;
  }
  p {
    margin: 0;
  }
  .small {
    font-size: var(--_font-size-small);
  }
  .empty {
    padding-block: calc(var(--_space) * 2);
    color: var(--_text-muted);
  }
  .link {
    font: inherit;
    cursor: pointer;
  }
  /* With routing="none" links are buttons: reset them without outranking their chip / card / button classes. */
  :where(button.link) {
    border: 0;
    background: none;
    padding: 0;
    color: inherit;
  }
  .text-link {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    color: var(--_primary);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .chips,
  .cards {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9em), 1fr));
  }
  .cards > li {
    display: flex;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    min-block-size: var(--_target);
    padding-inline: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_target) / 2);
    background: var(--_surface);
    color: var(--_text);
    text-decoration: none;
  }
  .chip .icon,
  .card .icon {
    color: var(--_primary);
  }
  .chip-row {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .icon-button {
    padding: 0;
  }
  a.card {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) / 2);
    inline-size: 100%;
    min-block-size: max(var(--_target), 5.5em);
    color: var(--_text);
    text-align: center;
    text-decoration: none;
  }
  button.link.card {
    display: flex;
    flex-direction: column;
    align-items: center;
    inline-size: 100%;
    min-block-size: max(var(--_target), 5.5em);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: calc(var(--_space) * 1.5);
  }
  .card:hover,
  .chip:hover {
    background: var(--_surface-variant);
  }
  .card .icon {
    inline-size: 1.75em;
    block-size: 1.75em;
  }
  .card-name {
    font-weight: 600;
  }
  .card-count {
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  .breadcrumbs ol {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .breadcrumbs li + li::before {
    content: '›';
    margin-inline-end: var(--_space);
    color: var(--_text-muted);
  }
  .breadcrumbs li[aria-current] {
    display: inline-flex;
    align-items: center;
  }
  .facts {
    display: grid;
    grid-template-columns: minmax(6em, max-content) 1fr;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    margin: 0;
  }
  .facts dt {
    color: var(--_text-muted);
  }
  .facts dd {
    margin: 0;
  }
  .plain {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .amount {
    font-variant-numeric: tabular-nums;
  }
  .documents {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .documents li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) / 2) var(--_space);
  }
  .badge {
    display: inline-block;
    padding-inline: calc(var(--_space) / 2);
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_border);
    font-size: var(--_font-size-small);
    line-height: var(--_line-height);
  }
  .badge.required {
    border-color: var(--_primary);
    color: var(--_primary);
  }
  .favourite[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .notice p {
    margin: 0;
  }
  .continue {
    border-inline-start: 4px solid var(--_primary);
  }
  .continue .button,
  a.button {
    align-self: flex-start;
    text-decoration: none;
  }
  .order-list {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .order {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  .timeline {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .timeline li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .city-group {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  .skeleton,
  .skeleton-list {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .bone {
    display: block;
    block-size: 1em;
    inline-size: 40%;
    border-radius: calc(var(--_radius) / 2);
    background: color-mix(in srgb, var(--_text-muted) 22%, transparent);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .bone.wide {
    inline-size: 70%;
  }
  .heading-bone {
    block-size: 1.6em;
  }
  .field-bone {
    inline-size: 100%;
    block-size: var(--_target);
  }
  .bone-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9em), 1fr));
    gap: var(--_space);
  }
  .tile-bone {
    inline-size: 100%;
    block-size: 6em;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }

  /* A hint too long for a phone's search box ends in "…" instead of being cut off. */
  city-search::part(input) {
    text-overflow: ellipsis;
  }

  /* Elder mode (适老化): no overlays — search results flow in the page instead of a pop-up. */
  :host([mode='elder']) city-search::part(popup) {
    position: static;
    box-shadow: none;
  }
  :host([mode='elder']) .facts {
    grid-template-columns: 1fr;
  }
  :host([mode='elder']) .facts dt {
    font-weight: 700;
    color: var(--_text);
  }
`;
