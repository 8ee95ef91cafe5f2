import type { Payment } from '@cityhub/schema';

/** What the user does in the sandbox wallet. */
export type WalletChoice = 'pay' | 'cancel';

/** An open sandbox-wallet request: the payment to authorise and how to answer it. */
export interface WalletRequest {
  payment: Payment;
  answer(choice: WalletChoice): void;
}

const open = new Map<string, WalletRequest>();
const watchers = new Set<() => void>();
const notify = () => watchers.forEach((watcher) => watcher());

/**
 * The user's part in the reference server's sandbox wallet, played in `<city-payment>`: pass it to the SDK's
 * sandbox adapter (`createCityHub({ payments: { adapters: { sandbox: sandboxAdapter({ action: sandboxWallet }) } } })`;
 * `<city-hub>` does this for the client it creates). It resolves when the user presses Pay or Cancel in the
 * `<city-payment>` showing the payment's bill — like a wallet app's payment sheet, it waits for the user, and
 * what it says is never proof of payment (the SDK verifies with the server).
 */
export function sandboxWallet(payment: Payment): Promise<WalletChoice> {
  open.get(payment.billId)?.answer('cancel'); // a newer request for the same bill replaces the old one
  return new Promise((resolve) => {
    const request: WalletRequest = {
      payment,
      answer(choice) {
        if (open.get(payment.billId) !== request) return;
        open.delete(payment.billId);
        notify();
        resolve(choice);
      },
    };
    open.set(payment.billId, request);
    notify();
  });
}

/** The open wallet request for a bill, if any. */
export const walletRequest = (billId: string): WalletRequest | undefined => open.get(billId);

/** Calls `watcher` whenever a wallet request opens or closes; returns the unsubscribe function. */
export function watchWallet(watcher: () => void): () => void {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}
