/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The item whose `location` is nearest to `here`, within `maxKm`; `undefined` when none has a location in range. */
export function nearest<T extends { location?: { lat: number; lng: number } | undefined }>(items: readonly T[], here: { lat: number; lng: number }, maxKm = Infinity): T | undefined {
  let best: T | undefined;
  let bestKm = Infinity;
  for (const item of items) {
    if (!item.location) continue;
    const km = distanceKm(here, item.location);
    if (km < bestKm) {
      best = item;
      bestKm = km;
    }
  }
  return bestKm <= maxKm ? best : undefined;
}
