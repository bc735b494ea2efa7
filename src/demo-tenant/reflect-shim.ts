// @peculiar/x509 builds on tsyringe, which refuses to load without a Reflect metadata polyfill and
// `reflect-metadata` is not installed. tsyringe only needs get/getOwn/defineMetadata for its
// constructor-injection bookkeeping, so this installs exactly that, and only when nothing else has.

type MetadataStore = WeakMap<object, Map<string | symbol | undefined, Map<unknown, unknown>>>;

interface ReflectWithMetadata {
  getMetadata?: (key: unknown, target: object, prop?: string | symbol) => unknown;
  getOwnMetadata?: (key: unknown, target: object, prop?: string | symbol) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object, prop?: string | symbol) => void;
}

export function installReflectMetadataShim(): void {
  const r = Reflect as unknown as ReflectWithMetadata;
  if (typeof r.getMetadata === 'function') return;
  const store: MetadataStore = new WeakMap();
  const own = (target: object, prop?: string | symbol): Map<unknown, unknown> | undefined =>
    store.get(target)?.get(prop);
  r.defineMetadata = (key, value, target, prop) => {
    let byProp = store.get(target);
    if (!byProp) store.set(target, (byProp = new Map()));
    let map = byProp.get(prop);
    if (!map) byProp.set(prop, (map = new Map()));
    map.set(key, value);
  };
  r.getOwnMetadata = (key, target, prop) => own(target, prop)?.get(key);
  r.getMetadata = (key, target, prop) => {
    // Walk the prototype chain as reflect-metadata does.
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const m = own(t, prop);
      if (m?.has(key)) return m.get(key);
    }
    return undefined;
  };
}
