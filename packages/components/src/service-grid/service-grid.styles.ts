import { css } from 'lit';

export const styles = css`
  :host {
    --_service-grid-min-tile: var(--city-service-grid-min-tile, 9em);
    --_service-grid-gap: var(--city-service-grid-gap, var(--_space));
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_service-grid-min-tile)), 1fr));
    gap: var(--_service-grid-gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .grid > li {
    display: flex;
    min-inline-size: 0;
    /* A city has up to ~800 services: the browser skips style, layout and paint of the tiles off screen (they stay
       in the accessibility tree and in find-in-page). The intrinsic size is remembered once a tile has been shown. */
    content-visibility: auto;
    contain-intrinsic-size: auto 6em;
  }
  .tile {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: flex-start;
    gap: calc(var(--_space) / 2);
    inline-size: 100%;
    min-block-size: max(var(--_target), 6em);
    min-inline-size: var(--_target);
    padding-block: var(--_space);
    padding-inline: calc(var(--_space) / 2);
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    text-align: center;
    cursor: pointer;
    contain: content;
  }
  /* Each tile's <li> contains its paint (content-visibility), which would clip a ring drawn outside the tile. */
  .tile:focus-visible {
    outline-offset: calc(var(--_focus-width) * -1);
  }
  .tile:hover {
    border-color: var(--_border);
    background: var(--_surface-variant);
  }
  .tile .icon {
    inline-size: calc(var(--_font-size) * 1.75);
    block-size: calc(var(--_font-size) * 1.75);
    color: var(--_primary);
  }
  .name {
    font-size: var(--_font-size);
    font-weight: 600;
    line-height: var(--_line-height);
    overflow-wrap: anywhere;
  }
  .provider {
    font-size: var(--_font-size-small);
    line-height: var(--_line-height);
    color: var(--_text-muted);
    overflow-wrap: anywhere;
  }
  .badge {
    font-size: var(--_font-size-small);
    line-height: var(--_line-height);
    padding-inline: calc(var(--_space) / 2);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_warning-surface);
    color: var(--_warning);
  }
  .skeleton .tile {
    cursor: default;
    background: var(--_surface-variant);
  }
  .bone {
    display: block;
    border-radius: calc(var(--_radius) / 2);
    background: color-mix(in srgb, var(--_text-muted) 22%, transparent);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .bone.icon-bone {
    inline-size: calc(var(--_font-size) * 1.75);
    block-size: calc(var(--_font-size) * 1.75);
  }
  .bone.text-bone {
    inline-size: 70%;
    block-size: 1em;
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
  .empty {
    margin: 0;
    padding-block: calc(var(--_space) * 3);
    text-align: center;
    color: var(--_text-muted);
  }
`;
