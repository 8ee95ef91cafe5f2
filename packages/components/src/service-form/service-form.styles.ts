import { css } from 'lit';

export const styles = css`
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  label.label,
  legend.label {
    padding: 0;
    font-weight: 600;
  }
  .req {
    margin-inline-start: calc(var(--_space) / 2);
    font-size: var(--_font-size-small);
    font-weight: 400;
    color: var(--_text-muted);
  }
  .help {
    margin: 0;
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  input[type='text'],
  input[type='tel'],
  input[type='number'],
  input[type='date'],
  input[type='datetime-local'],
  select,
  textarea {
    font: inherit;
    inline-size: 100%;
    max-inline-size: 32em;
    min-block-size: var(--_target);
    padding-block: calc(var(--_space) / 2);
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  textarea {
    min-block-size: calc(var(--_target) * 2);
    resize: vertical;
  }
  [aria-invalid='true'],
  .invalid input[type='radio'],
  .invalid input[type='checkbox'] {
    border-color: var(--_danger);
    border-width: 2px;
    accent-color: var(--_danger);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    padding-inline-end: var(--_space);
    cursor: pointer;
  }
  .choice input {
    inline-size: max(20px, calc(var(--_font-size) * 1.1));
    block-size: max(20px, calc(var(--_font-size) * 1.1));
    margin: 0;
  }
  .amount {
    display: flex;
    align-items: center;
    gap: var(--_space);
    max-inline-size: 32em;
  }
  .amount input {
    flex: 1;
  }
  .presets {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .presets .button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .error-message {
    display: flex;
    align-items: flex-start;
    gap: calc(var(--_space) / 2);
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .error-message svg {
    inline-size: 1.2em;
    block-size: 1.2em;
    margin-block-start: 0.1em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .submitted {
    margin-block-start: calc(var(--_space) * 2);
  }
  .submitted dl {
    display: grid;
    grid-template-columns: minmax(6em, max-content) 1fr;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    margin: 0;
  }
  .submitted dt {
    color: var(--_text-muted);
  }
  .submitted dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .section-title {
    margin-block: 0 var(--_space);
    font-weight: 700;
  }
  city-submission-result {
    margin-block-start: calc(var(--_space) * 2);
  }
`;
