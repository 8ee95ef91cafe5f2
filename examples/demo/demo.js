// The demo host: one module script that loads the CDN bundle, gives the hub the signed-in user's identity and
// listens to a few of its events. Everything else is the <city-hub> element in index.html.
import './cityhub.js';

const hub = document.querySelector('city-hub');

// The host app knows who its user is; the hub passes this provider to the SDK, which sends the token only to the
// API origin. The reference server's sandbox accepts any `sandbox-…` token as a real-name-verified citizen, and
// `sandbox-face-…` as one who has also passed face verification (刷脸), so the demo can use every service.
hub.identity = async () => ({ token: 'sandbox-face-demo-citizen', level: 'face' });

// Hosts can follow the hub (analytics, their own chrome) or take over steps (open a mini program natively).
// Payments: `city-payment-complete` fires once the server verified the payment (never on a wallet's say-so).
for (const type of ['city-navigate', 'city-change', 'city-service-select', 'city-submission-complete', 'city-entry-continue', 'city-exit',
  'city-bill-pay', 'city-payment-complete', 'city-payment-failed', 'city-payment-canceled']) {
  hub.addEventListener(type, (event) => console.debug(`[host] ${type}`, event.detail));
}

// Offline: a small service worker keeps the page shell (this page, its CSS and the bundle); the SDK keeps the
// catalogs in IndexedDB. Together the hub opens offline with a "last updated …" notice. Under Trusted Types the
// worker URL goes through this page's own policy, which allows exactly one same-origin script.
if ('serviceWorker' in navigator) {
  const policy = globalThis.trustedTypes?.createPolicy('cityhub-demo', {
    createScriptURL: (url) => {
      if (url !== './sw.js') throw new TypeError(`unexpected worker URL ${url}`);
      return url;
    },
  });
  navigator.serviceWorker.register(policy ? policy.createScriptURL('./sw.js') : './sw.js').catch((error) => {
    console.warn('Offline support unavailable:', error);
  });
}
