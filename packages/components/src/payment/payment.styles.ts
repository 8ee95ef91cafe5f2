import { css } from 'lit';

export const styles = css`
  :host {
    max-inline-size: var(--city-payment-max-inline-size, 40rem);
  }
  .step {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .step > * {
    margin: 0;
  }
  .heading {
    font-size: var(--_font-size-large);
    font-weight: 700;
  }
  .succeeded .heading {
    color: var(--_success);
  }
  .failed .heading,
  .expired .heading {
    color: var(--_danger);
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  dt {
    color: var(--_text-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .amount {
    font-size: var(--city-payment-amount-size, var(--_font-size-large));
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .providers {
    display: flex;
    flex-direction: column;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .providers legend {
    padding: 0;
    margin-block-end: calc(var(--_space) / 2);
  }
  .providers label {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-block-size: var(--_target);
    cursor: pointer;
  }
  .providers input {
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--_primary);
  }
  .wallet {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-variant);
  }
  .wallet p {
    margin: 0;
  }
  .wallet-title {
    font-weight: 700;
  }
  .spinner {
    inline-size: 2em;
    block-size: 2em;
    border: 3px solid var(--_border);
    border-block-start-color: var(--_primary);
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 4s;
    }
  }
`;
