import { css } from 'lit';

export const styles = css`
  :host {
    /* The popup grows with its results and the page scrolls (no nested scroll area to operate by keyboard). */
    --_search-popup-height: var(--city-search-popup-height, none);
    position: relative;
  }
  .field {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-block-size: var(--_target);
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .field:focus-within {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 2px;
  }
  .field > .icon {
    color: var(--_text-muted);
  }
  input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: var(--_target);
    border: 0;
    background: transparent;
    font: inherit;
    color: var(--_text);
  }
  input:focus {
    outline: none;
  }
  input::-webkit-search-cancel-button {
    display: none;
  }
  .clear {
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--_text-muted);
    cursor: pointer;
  }
  .clear .icon {
    inline-size: 1.2em;
    block-size: 1.2em;
  }
  .popup {
    position: absolute;
    z-index: 10;
    inset-inline: 0;
    inset-block-start: calc(100% + 4px);
    max-block-size: var(--_search-popup-height);
    overflow-y: auto;
    padding-block: calc(var(--_space) / 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  .message {
    margin: 0;
    padding-block: var(--_space);
    padding-inline: calc(var(--_space) * 1.5);
    color: var(--_text-muted);
  }
  .suggestions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding-block: 0 var(--_space);
    padding-inline: calc(var(--_space) * 1.5);
  }
  .group-label {
    padding-block: calc(var(--_space) / 2);
    padding-inline: calc(var(--_space) * 1.5);
    font-size: var(--_font-size-small);
    font-weight: 700;
    color: var(--_text-muted);
  }
  .option {
    display: flex;
    align-items: flex-start;
    gap: var(--_space);
    min-block-size: var(--_target);
    padding-block: calc(var(--_space) / 2);
    padding-inline: calc(var(--_space) * 1.5);
    cursor: pointer;
  }
  .option.nested {
    padding-inline-start: calc(var(--_space) * 4.5);
  }
  .option:hover {
    background: var(--_surface-variant);
  }
  .option.active {
    background: var(--_surface-variant);
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: calc(var(--_focus-width) * -1);
  }
  .option .icon {
    margin-block-start: 0.15em;
    color: var(--_primary);
  }
  .text {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .path,
  .matched,
  .count {
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
    overflow-wrap: anywhere;
  }
  mark {
    background: var(--_highlight);
    /* The highlight is a surface of its own, chosen against the body text colour: inheriting the muted colour of
       the "Matches: …" line would fall below 4.5:1 on the dark highlight. */
    color: var(--_text);
    border-radius: 2px;
  }
`;
