import { css } from 'lit';

export const styles = css`
  .result {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .summary {
    margin: 0;
    font-size: var(--_font-size-large);
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    padding-inline: var(--_space);
    border-radius: calc(var(--_radius) / 2);
    font-size: var(--_font-size-small);
    font-weight: 600;
    border: 1px solid currentColor;
  }
  .badge.completed,
  .badge.paid {
    color: var(--_success);
  }
  .badge.accepted,
  .badge.unpaid,
  .badge.received,
  .badge.processing {
    color: var(--_primary);
  }
  .badge.rejected,
  .badge.expired,
  .badge.canceled {
    color: var(--_danger);
  }
  .title {
    margin-block: 0 var(--_space);
    font-size: var(--_font-size);
    font-weight: 700;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(6em, max-content) 1fr;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    margin: 0;
  }
  dt {
    color: var(--_text-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .card {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  ul.bills,
  ol.timeline {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .amount {
    font-size: var(--_font-size-large);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .bill-title {
    margin-block: 0 var(--_space);
    font-weight: 600;
  }
  .bill-actions {
    margin-block-start: var(--_space);
  }
  ol.timeline li {
    position: relative;
    padding-inline-start: calc(var(--_space) * 3);
  }
  ol.timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: var(--_space);
    inset-block-start: 0.5em;
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: var(--_primary);
  }
  .time {
    display: block;
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
`;
