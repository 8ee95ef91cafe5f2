import { useEffect, useMemo, useRef, useState } from 'react';
import { CitySearch, CityServiceForm, CityServiceGrid, type CitySearchElement } from '@cityhub/react';
import type { CatalogCategory, CatalogService, CitiesIndexEntry } from '@cityhub/schema';
import { API, hub, isSignedIn, setSignedIn } from './hub';

type Locale = 'zh-Hans' | 'zh-Hant' | 'en';

const TEXT = {
  'zh-Hans': { title: '城市服务', signedIn: '已登录（沙箱）', city: '城市', language: '语言', elder: '长辈模式', all: '全部服务', back: '返回服务列表', log: '事件', loadingCities: '正在加载城市……', apiDown: '无法连接 CityHub API' },
  'zh-Hant': { title: '城市服務', signedIn: '已登入（沙箱）', city: '城市', language: '語言', elder: '長輩模式', all: '全部服務', back: '返回服務列表', log: '事件', loadingCities: '正在載入城市……', apiDown: '無法連接 CityHub API' },
  en: { title: 'City services', signedIn: 'Signed in (sandbox)', city: 'City', language: 'Language', elder: 'Elder mode', all: 'All services', back: 'Back to the services', log: 'Events', loadingCities: 'Loading cities…', apiDown: 'Cannot reach the CityHub API' },
} as const;

const nameIn = (text: Partial<Record<Locale, string>> & { 'zh-Hans': string }, locale: Locale) => text[locale] ?? text['zh-Hans'];

export function App() {
  const [locale, setLocale] = useState<Locale>('zh-Hans');
  const [elder, setElder] = useState(false);
  const [signedIn, setSignedInState] = useState(isSignedIn);
  const [cities, setCities] = useState<readonly CitiesIndexEntry[]>();
  const [citiesError, setCitiesError] = useState<string>();
  const [city, setCity] = useState('440300');
  const [category, setCategory] = useState<CatalogCategory>();
  const [service, setService] = useState<CatalogService>();
  const [log, setLog] = useState<string[]>([]);
  const search = useRef<CitySearchElement>(null);
  const t = TEXT[locale];
  const mode = elder ? 'elder' : 'standard';

  const note = (line: string) => setLog((lines) => [`${new Date().toLocaleTimeString()} ${line}`, ...lines].slice(0, 8));

  // The host uses the same SDK client the components use, e.g. for its own city menu.
  useEffect(() => {
    const controller = new AbortController();
    hub.cities({ signal: controller.signal }).then(
      (answer) => setCities(answer.data.cities),
      (error: unknown) => {
        if (!controller.signal.aborted) setCitiesError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const cityName = useMemo(() => {
    const entry = cities?.find((c) => c.code === city);
    return entry ? nameIn(entry.name, locale) : city;
  }, [cities, city, locale]);

  const chooseCity = (code: string) => {
    setCity(code);
    setCategory(undefined);
    setService(undefined);
  };

  return (
    <div className="app" data-mode={mode}>
      <header className="bar">
        <h1>{t.title} · {cityName}</h1>
        <label>
          {t.city}{' '}
          <select value={city} onChange={(e) => chooseCity(e.target.value)} disabled={!cities}>
            {cities
              ? cities.map((c) => <option key={c.code} value={c.code}>{nameIn(c.name, locale)} ({c.catalog.services})</option>)
              : <option value={city}>{citiesError ? t.apiDown : t.loadingCities}</option>}
          </select>
        </label>
        <label>
          {t.language}{' '}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="zh-Hans">简体中文</option>
            <option value="zh-Hant">繁體中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={elder} onChange={(e) => setElder(e.target.checked)} /> {t.elder}
        </label>
        <label>
          <input type="checkbox" checked={signedIn} onChange={(e) => {
            setSignedIn(e.target.checked);
            setSignedInState(e.target.checked);
          }} /> {t.signedIn}
        </label>
      </header>

      {citiesError && <p className="problem" role="alert">{t.apiDown} ({API}): {citiesError}. Start it with <code>npm start</code> at the repository root.</p>}

      <main>
        <CitySearch
          ref={search}
          city={city}
          client={hub}
          mode={mode}
          onCityServiceSelect={(e) => {
            note(`city-service-select ${e.detail.service.code} (search “${e.detail.query ?? ''}”)`);
            setService(e.detail.service);
          }}
          onCityCategorySelect={(e) => {
            note(`city-category-select ${e.detail.category.id} (search “${e.detail.query ?? ''}”)`);
            setCategory(e.detail.category);
            setService(undefined);
          }}
        />

        {service ? (
          <section className="service" aria-labelledby="service-title">
            <button type="button" className="link" onClick={() => setService(undefined)}>← {t.back}</button>
            <h2 id="service-title">{nameIn(service.name, locale)}</h2>
            {service.description && <p>{nameIn(service.description, locale)}</p>}
            <CityServiceForm
              service={service}
              city={city}
              client={hub}
              submitMode="client"
              mode={mode}
              onCitySubmit={(e) => note(`city-submit ${e.detail.service.code}`)}
              onCitySubmissionComplete={(e) => note(`city-submission-complete ${e.detail.result.status} ${e.detail.result.order?.reference ?? ''}`)}
            />
          </section>
        ) : (
          <section aria-labelledby="grid-title">
            <h2 id="grid-title">
              {category ? nameIn(category.name, locale) : t.all}
              {category && <button type="button" className="link" onClick={() => setCategory(undefined)}>× {t.all}</button>}
            </h2>
            <CityServiceGrid
              city={city}
              category={category?.id}
              client={hub}
              mode={mode}
              onCityServiceSelect={(e) => {
                note(`city-service-select ${e.detail.service.code} (grid)`);
                setService(e.detail.service);
                search.current?.blur();
              }}
            />
          </section>
        )}
      </main>

      <aside aria-labelledby="log-title">
        <h2 id="log-title">{t.log}</h2>
        <ol aria-live="polite" className="log">{log.map((line, i) => <li key={`${i}-${line}`}>{line}</li>)}</ol>
      </aside>
    </div>
  );
}
