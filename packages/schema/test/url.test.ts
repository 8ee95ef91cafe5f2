import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackUrl, safeUrl } from '@cityhub/schema';

const SCRIPT_SCHEMES = ['javascript', 'JavaScript', 'JAVASCRIPT', 'vbscript', 'data', 'DATA', 'file', 'blob', 'about', 'filesystem'];
const PAYLOADS = [':alert(1)', ':text/html,<script>alert(1)</script>', ':text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', '://evil.example/x'];
// Characters browsers ignore or normalise inside a scheme.
const SPLITTERS = ['\t', '\n', '\r', ' ', '\u0000', '\u000b', '\u000c', '\u00ad', '\u200b', '\ufeff'];

function rejected(): string[] {
  const vectors: string[] = [];
  for (const scheme of SCRIPT_SCHEMES) for (const payload of PAYLOADS) vectors.push(scheme + payload);
  for (const splitter of SPLITTERS) {
    vectors.push(`java${splitter}script:alert(1)`, `${splitter}javascript:alert(1)`, `https://exa${splitter}mple.com/`);
  }
  vectors.push(
    '\tjava\nscript:alert(1)', ' https://example.com/', 'javascript&#58;alert(1)', 'jav&#x09;ascript:alert(1)',
    '//evil.example', '///evil.example', '\\\\evil.example', '/\\evil.example', '\\/evil.example', 'evil.example',
    '/relative/path', '?q=1', '#frag', '', 'https:', 'https://', 'https:///path', 'https:evil.example',
    'https://good.example@evil.example/', 'https://user:pass@good.example/', 'https://good.example%40evil.example@x/',
    'https://@evil.example', 'https://good.example\\@evil.example', 'http://good.example/', 'http://evil.example:80/',
    'ftp://example.com/file', 'ws://example.com/', 'wss://example.com/', 'mailto:a@example.com', 'tel:12345',
    'chrome://settings', 'view-source:https://example.com', 'intent://x#Intent;end', 'gopher://example.com',
    'http://127.0.0.1.evil.example/', 'http://localhost.evil.example/', 'http://0x7f000001/', 'http://[::ffff:7f00:1]/',
    'https://exa mple.com/', 'https://example.com/\u2028', 'https://example.com/a\\b', 'x'.repeat(3000),
    'alipays://platformapi/startapp', 'weixin://dl/business', 'https://\u0435xample.com/\u0000',
  );
  vectors.push(...Array.from({ length: 10 }, (_, i) => `javascript:/*${i}*/alert(${i})`));
  return vectors;
}

test(`safeUrl rejects every dangerous vector`, () => {
  const vectors = rejected();
  assert.ok(vectors.length >= 100, `only ${vectors.length} vectors`);
  const accepted = vectors.filter((v) => safeUrl(v) !== null);
  console.log(`# safeUrl: ${vectors.length} dangerous vectors, ${accepted.length} accepted`);
  assert.deepEqual(accepted, []);
});

test('safeUrl rejects non-strings', () => {
  for (const value of [undefined, null, 42, {}, [], { toString: () => 'https://x.example' }]) assert.equal(safeUrl(value), null);
});

test('safeUrl accepts https, and http only on localhost when allowed', () => {
  assert.equal(safeUrl('https://www.gov.cn/fuwu/'), 'https://www.gov.cn/fuwu/');
  assert.equal(safeUrl('HTTPS://Example.COM/a?b=c#d'), 'https://example.com/a?b=c#d');
  assert.equal(safeUrl('https://例子.中国/路径'), 'https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84');
  assert.equal(safeUrl('http://localhost:8787/v1'), 'http://localhost:8787/v1');
  assert.equal(safeUrl('http://127.0.0.1:8787/'), 'http://127.0.0.1:8787/');
  assert.equal(safeUrl('http://[::1]:8787/'), 'http://[::1]:8787/');
  assert.equal(safeUrl('http://localhost:8787/', { allowLocalHttp: false }), null);
});

test('isLoopbackUrl knows which URLs are on this machine', () => {
  for (const url of ['http://localhost:8787/', 'http://127.0.0.1/', 'http://127.1.2.3:9/x', 'http://[::1]:8787/', 'http://hub.localhost/']) {
    assert.equal(isLoopbackUrl(url), true, url);
  }
  for (const url of ['https://hub.example.cn/', 'http://128.0.0.1/', 'http://localhost.example.cn/', 'http://10.0.0.1/', 'not a url', '']) {
    assert.equal(isLoopbackUrl(url), false, url);
  }
});

test('safeUrl enforces a host allowlist with subdomains', () => {
  const allowedHosts = ['gov.cn', 'alipay.com'];
  assert.ok(safeUrl('https://gov.cn/', { allowedHosts }));
  assert.ok(safeUrl('https://www.sz.gov.cn/x', { allowedHosts }));
  assert.equal(safeUrl('https://evilgov.cn/', { allowedHosts }), null);
  assert.equal(safeUrl('https://gov.cn.evil.example/', { allowedHosts }), null);
});

test('safeUrl allows listed app schemes only', () => {
  const appSchemes = ['alipays:', 'weixin:'];
  assert.ok(safeUrl('alipays://platformapi/startapp?appId=20000067', { appSchemes }));
  assert.equal(safeUrl('javascript://alert(1)', { appSchemes: ['javascript:'] }), null, 'script schemes can never be allowed');
  assert.equal(safeUrl('bankabc://pay', { appSchemes }), null);
});
