import { css } from 'lit';

/** Base rules every component shares: box sizing, focus ring, hidden text for screen readers, buttons. */
export const sharedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    line-height: 1.3;
    color: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) / 2);
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    padding-block: calc(var(--_space) / 2);
    padding-inline: calc(var(--_space) * 2);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_primary);
    cursor: pointer;
  }
  .button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-block: var(--_space);
    padding-block: var(--_space);
    padding-inline: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    border-inline-start: 4px solid var(--_warning);
    background: var(--_warning-surface);
    color: var(--_warning);
  }
  .notice.error {
    border-inline-start-color: var(--_danger);
    color: var(--_text);
  }
  .muted {
    color: var(--_text-muted);
  }
  svg {
    flex: none;
  }
`;
