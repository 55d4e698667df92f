/**
 * Small in-memory caches of rows that staff change rarely and every participation request reads:
 * a consultation with its scope, a member's roles and suspensions. The database itself says when
 * they change (triggers notify "baraza_cache", migration 0010), so an entry is dropped as soon as
 * its rows change, whichever code, process or tool changed them; the time limit is only a safety
 * net. See docs/decisions/0022-consultation-cache.md and 0023-actor-cache.md.
 */
import { missedNotifications, onCacheNotification, type Database } from "~/platform/db.server";

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Entries by key, each tagged with what invalidates it (`kind:id` payloads). A value read from
 * the database is stored only if no invalidation of its kind arrived while it was being read, so
 * a read that raced a change never puts the old row back.
 */
export class NotifiedCache<V> {
  private readonly entries = new Map<string, Entry<V> & { tag: string }>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private generation = 0;
  private readonly ready: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly kind: string,
    private readonly options: { ttlMs: number; maxEntries: number },
  ) {
    this.ready = onCacheNotification(db, (payload) => this.onNotification(payload)).then(() => undefined);
    // A database that cannot notify (listening failed) simply never serves from the cache.
    this.ready.catch(() => undefined);
  }

  private onNotification(payload: string) {
    if (payload === missedNotifications) {
      this.clear();
      return;
    }
    const separator = payload.indexOf(":");
    if (payload.slice(0, separator) !== this.kind) return;
    this.generation++;
    const tag = payload.slice(separator + 1);
    // "<kind>:*": a write of this process to the kind's tables (app/platform/db.server.ts).
    if (tag === "*") {
      this.entries.clear();
      this.keysByTag.clear();
      return;
    }
    for (const key of this.keysByTag.get(tag) ?? []) this.entries.delete(key);
    this.keysByTag.delete(tag);
  }

  clear() {
    this.generation++;
    this.entries.clear();
    this.keysByTag.clear();
  }

  /**
   * The cached value of `key`, or `load()`'s, remembered under `tag` (the id whose notification
   * drops it) when it returns one. `null` is never cached: a row created later must be seen.
   */
  async get(key: string, load: () => Promise<{ value: V; tag: string } | null>): Promise<V | null> {
    try {
      await this.ready;
    } catch {
      return (await load())?.value ?? null;
    }
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry.value;
    const generation = this.generation;
    const loaded = await load();
    if (!loaded) return null;
    if (generation === this.generation) this.set(key, loaded.tag, loaded.value);
    return loaded.value;
  }

  private set(key: string, tag: string, value: V) {
    if (this.entries.size >= this.options.maxEntries) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, tag, expiresAt: Date.now() + this.options.ttlMs });
    let keys = this.keysByTag.get(tag);
    if (!keys) this.keysByTag.set(tag, (keys = new Set()));
    keys.add(key);
  }
}

const caches = new WeakMap<Database, Map<string, NotifiedCache<unknown>>>();

/** The process's cache `name` of `db`, created on first use. */
export function cacheFor<V>(
  db: Database,
  name: string,
  kind: string,
  options: { ttlMs: number; maxEntries: number },
): NotifiedCache<V> {
  let byName = caches.get(db);
  if (!byName) caches.set(db, (byName = new Map()));
  let cache = byName.get(name);
  if (!cache) byName.set(name, (cache = new NotifiedCache<unknown>(db, kind, options)));
  return cache as NotifiedCache<V>;
}
