import { css } from 'lit';

export const styles = css`
  :host {
    --_picker-list-height: var(--city-picker-list-height, 28em);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  .field {
    display: flex;
    flex: 1 1 14em;
    flex-direction: column;
    min-inline-size: 0;
    gap: calc(var(--_space) / 2);
  }
  input {
    font: inherit;
    min-block-size: var(--_target);
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .current {
    margin-block: var(--_space);
    font-weight: 600;
  }
  .privacy,
  .location-status {
    margin-block: calc(var(--_space) / 2);
    font-size: var(--_font-size-small);
  }
  .quick {
    margin-block: var(--_space);
  }
  .quick-label,
  .group-label {
    display: block;
    margin-block-end: calc(var(--_space) / 2);
    font-size: var(--_font-size-small);
    font-weight: 600;
    color: var(--_text-muted);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip {
    min-inline-size: calc(var(--_target) * 1.5);
  }
  .chip[aria-current='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .index {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    margin-block: var(--_space);
  }
  .index button {
    min-inline-size: max(24px, var(--_target));
    min-block-size: max(24px, var(--_target));
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_primary);
    cursor: pointer;
  }
  .listbox {
    max-block-size: var(--_picker-list-height);
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .group-label {
    position: sticky;
    inset-block-start: 0;
    margin: 0;
    padding-block: calc(var(--_space) / 2);
    padding-inline: var(--_space);
    background: var(--_surface-variant);
  }
  .option {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    min-block-size: var(--_target);
    padding-block: calc(var(--_space) / 2);
    padding-inline: calc(var(--_space) * 1.5);
    cursor: pointer;
  }
  .option:hover {
    background: var(--_surface-variant);
  }
  .option[aria-selected='true'] {
    font-weight: 700;
    color: var(--_primary);
  }
  .option.active {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: calc(var(--_focus-width) * -1);
  }
  .listbox:not(:focus-visible) .option.active {
    outline-color: var(--_border);
  }
  .option .hint {
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  .check {
    inline-size: 1em;
    block-size: 1em;
  }
  .empty {
    margin-block: var(--_space);
    color: var(--_text-muted);
  }
  .bone {
    display: block;
    block-size: var(--_target);
    margin-block: calc(var(--_space) / 2);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_text-muted) 22%, transparent);
    animation: pulse 1.4s ease-in-out infinite;
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
`;
