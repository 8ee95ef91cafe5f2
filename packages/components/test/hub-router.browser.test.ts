import { expect } from '@open-wc/testing';
import { parseAppSchemes } from '../src/hub/hub.js';
import {
  MAX_PARAMS, backTarget, entryFromState, exitTarget, hubLocation, normalizeBasePath, parseRoutePath, routeFromLocation, routeUrl, stateWithEntry, type HubRoute,
} from '../src/hub/router.js';

describe('hub routes', () => {
  const routes: Array<[HubRoute, string]> = [
    [{ view: 'home', city: '440300' }, '/440300'],
    [{ view: 'home', city: '' }, '/'],
    [{ view: 'category', city: '440300', category: 'social-security' }, '/440300/category/social-security'],
    [{ view: 'topic', city: '440300', topic: 'driving' }, '/440300/topic/driving'],
    [{ view: 'service', city: '440300', service: 'traffic-violation-query' }, '/440300/service/traffic-violation-query'],
    [{ view: 'cities' }, '/cities'],
    [{ view: 'orders' }, '/orders'],
    [{ view: 'favourites' }, '/favourites'],
  ];

  it('round-trips every route through hash and path URLs', () => {
    for (const [route, path] of routes) {
      expect(routeUrl(route, 'hash')).to.equal(`#${path}`);
      expect(parseRoutePath(path)).to.deep.equal(route);
      expect(routeFromLocation({ hash: `#${path}`, pathname: '/' }, 'hash')).to.deep.equal(route);
      const url = routeUrl(route, 'path', '/hub/');
      expect(url).to.equal(`/hub${path}`);
      expect(routeFromLocation({ hash: '', pathname: url }, 'path', '/hub')).to.deep.equal(route);
    }
  });

  it('keeps a deep link\'s pass-through parameters, dropping malformed ones', () => {
    const route: HubRoute = { view: 'service', city: '440300', service: 'traffic-fine-payment', params: { decisionNumber: '123', from: 'sms' } };
    expect(routeUrl(route, 'hash')).to.equal('#/440300/service/traffic-fine-payment?decisionNumber=123&from=sms');
    expect(routeUrl(route, 'path', '/hub')).to.equal('/hub/440300/service/traffic-fine-payment?decisionNumber=123&from=sms');
    expect(routeFromLocation({ hash: '#/440300/service/traffic-fine-payment?decisionNumber=123&from=sms', pathname: '/' }, 'hash')).to.deep.equal(route);
    expect(routeFromLocation({ hash: '', pathname: '/hub/440300/service/traffic-fine-payment', search: '?decisionNumber=123&from=sms' }, 'path', '/hub'))
      .to.deep.equal(route);
    // Encoded values decode; bad names, over-long values and repeats are dropped; an empty query adds nothing.
    expect(parseRoutePath('/440300?q=%E7%A4%BE%E4%BF%9D&q=again&1bad=x&a%20b=x&__proto__=x&long=' + 'x'.repeat(257))).to.deep.equal(
      { view: 'home', city: '440300', params: { q: '社保' } });
    expect(parseRoutePath('/440300?')).to.deep.equal({ view: 'home', city: '440300' });
    expect(parseRoutePath('/440300?1bad=x')).to.deep.equal({ view: 'home', city: '440300' });
    const many = Array.from({ length: 40 }, (_, i) => `p${i}=${i}`).join('&');
    expect(Object.keys(parseRoutePath(`/440300?${many}`)!.params!)).to.have.length(MAX_PARAMS);
    // The page part is still validated on its own.
    expect(parseRoutePath('/440300/service/Bad?x=1')).to.equal(undefined);
  });

  it('rejects anything that is not a known route with valid codes', () => {
    for (const bad of ['/44030', '/4403000', '/040300', '/440300/service', '/440300/service/Bad_Code', '/440300/service/a/b',
      '/440300/services/x', '/440300/category/<script>', '/440300/service/..', '/%E0%A4%A', '/javascript:alert(1)', `/440300/service/${'a'.repeat(65)}`]) {
      expect(parseRoutePath(bad), bad).to.equal(undefined);
    }
    expect(routeFromLocation({ hash: '#section-2', pathname: '/' }, 'hash')).to.equal(undefined);
    // A hub address that names no page is the hub's all the same (it shows its home there): null, not undefined.
    expect(hubLocation({ hash: '#/foo/bar', pathname: '/' }, 'hash')).to.equal(null);
    expect(hubLocation({ hash: '', pathname: '/hub/foo/bar' }, 'path', '/hub')).to.equal(null);
    expect(hubLocation({ hash: '', pathname: '/foo/bar' }, 'path', '')).to.equal(undefined);
    // The exported routeFromLocation keeps its contract: a route or undefined.
    expect(routeFromLocation({ hash: '#/foo/bar', pathname: '/' }, 'hash')).to.equal(undefined);
    expect(routeFromLocation({ hash: '', pathname: '/index.html' }, 'path', '')).to.equal(undefined); // no base: the host's
    expect(routeFromLocation({ hash: '', pathname: '/elsewhere/440300' }, 'path', '/hub')).to.equal(undefined);
    expect(routeFromLocation({ hash: '#/440300', pathname: '/' }, 'none')).to.equal(undefined);
    expect(normalizeBasePath('/')).to.equal('');
    expect(normalizeBasePath('hub/')).to.equal('/hub');
  });

  it('decides where Back goes (source rule and history rule)', () => {
    const category: HubRoute = { view: 'category', city: '440300', category: 'social-security' };
    const service: HubRoute = { view: 'service', city: '440300', service: 'x' };
    const home: HubRoute = { view: 'home', city: '440300' };
    const table: Array<[HubRoute, number, 'external' | 'browse' | 'search', string | undefined, string | undefined]> = [
      // route, depth, source, source rule, history rule
      [home, 0, 'external', undefined, undefined],
      [home, 3, 'browse', undefined, undefined],
      [category, 2, 'search', 'home', 'previous'],
      [category, 0, 'external', 'home', 'exit'],
      [category, 2, 'browse', 'previous', 'previous'],
      [service, 0, 'external', 'exit', 'exit'],
      [service, 1, 'browse', 'previous', 'previous'],
      [service, 1, 'search', 'previous', 'previous'],
      [{ view: 'orders' }, 0, 'external', 'home', 'exit'],
      [{ view: 'favourites' }, 1, 'browse', 'previous', 'previous'],
    ];
    for (const [route, depth, source, bySource, byHistory] of table) {
      expect(backTarget(route, { depth, source }, 'source'), `${route.view} ${depth} ${source}`).to.equal(bySource);
      expect(backTarget(route, { depth, source }, 'history'), `${route.view} ${depth} ${source}`).to.equal(byHistory);
    }
  });

  it('leaving goes back in history, else to the referrer, else home', () => {
    expect(exitTarget(3, null, 'hash')).to.equal('history');
    expect(exitTarget(1, 'https://bank.example.cn/', 'hash')).to.equal('referrer');
    expect(exitTarget(1, null, 'path')).to.equal('home');
    expect(exitTarget(5, 'https://bank.example.cn/', 'none')).to.equal('home');
  });

  it('keeps its entry record inside history.state, validated, without dropping the host\'s keys', () => {
    const state = stateWithEntry({ hostRouter: 7 }, { depth: 2, source: 'search', prev: '/440300' });
    expect(state).to.deep.equal({ hostRouter: 7, cityhub: { depth: 2, source: 'search', prev: '/440300' } });
    expect(entryFromState(state)).to.deep.equal({ depth: 2, source: 'search', prev: '/440300' });
    for (const bad of [null, 1, 'x', {}, { cityhub: 1 }, { cityhub: { depth: -1, source: 'browse' } }, { cityhub: { depth: 1.5, source: 'browse' } },
      { cityhub: { depth: 1, source: '<img>' } }]) {
      expect(entryFromState(bad), JSON.stringify(bad)).to.equal(undefined);
    }
  });

  it('accepts only app deep-link schemes in app-schemes', () => {
    expect(parseAppSchemes('alipays weixin: bankabc://, ,')).to.deep.equal(['alipays:', 'weixin:', 'bankabc:']);
    expect(parseAppSchemes('javascript data: vbscript http https file blob about')).to.deep.equal([]);
    expect(parseAppSchemes('')).to.deep.equal([]);
  });
});
