import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localeOf, type Locale } from './locale.js';
import { MESSAGES, type Messages } from './messages.js';

/**
 * Tracks the locale a component renders in and re-renders it when any `lang` that could apply changes:
 * the element's own, an ancestor's in the same tree, one on a shadow host above it, or `<html lang>`.
 * One `MutationObserver` per tree root, filtered to the `lang` attribute, so it costs nothing otherwise.
 */
export class LocaleController implements ReactiveController {
  locale: Locale = 'zh-Hans';
  private readonly host: ReactiveControllerHost & HTMLElement;
  private observer?: MutationObserver;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  /** The translation table for the current locale. */
  get messages(): Messages {
    return MESSAGES[this.locale];
  }

  hostConnected(): void {
    this.refresh();
    this.observer = new MutationObserver(() => this.refresh());
    const options: MutationObserverInit = { attributes: true, attributeFilter: ['lang'], subtree: true };
    // Observe every tree the element sits in, up to the document (lang changes inside any of them can apply).
    let node: Node = this.host;
    for (;;) {
      const root = node.getRootNode();
      if (root instanceof ShadowRoot) {
        this.observer.observe(root, options);
        this.observer.observe(root.host, { attributes: true, attributeFilter: ['lang'] });
        node = root.host;
      } else {
        if (root instanceof Document) this.observer.observe(root.documentElement, options);
        else this.observer.observe(root, options);
        break;
      }
    }
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Re-reads the locale; re-renders the host when it changed. */
  refresh(): void {
    const next = localeOf(this.host);
    if (next !== this.locale) {
      this.locale = next;
      this.host.requestUpdate();
    }
  }
}
