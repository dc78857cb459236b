// A small typed reader of the API; the types come from src/schema.d.ts (generated).
import type { components, operations, paths } from "./schema";

export type NewsPage = components["schemas"]["NewsPage"];
export type Page = components["schemas"]["Page"];
export type RiverEntry = components["schemas"]["RiverEntry"];
type Listing<T> = {
  meta: { total_count: number; next: string | null; previous: string | null };
  items: T[];
};
export type PagesQuery = NonNullable<paths["/api/v2/pages/"]["get"]["parameters"]["query"]>;
export type NetworkQuery = NonNullable<paths["/api/v2/network/"]["get"]["parameters"]["query"]>;

export class NetworkApi {
  constructor(private readonly base: string) {}

  private async get<T>(path: string, query: Record<string, unknown> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const response = await fetch(`${this.base}${path}?${params}`, { credentials: "omit" });
    if (!response.ok) {
      const error = (await response.json()) as components["schemas"]["Error"];
      throw new Error(`${response.status}: ${error.message}`);
    }
    return (await response.json()) as T;
  }

  pages(query: PagesQuery): Promise<Listing<Page>> {
    return this.get("/api/v2/pages/", query);
  }

  network(query: NetworkQuery = {}): Promise<Listing<RiverEntry>> {
    return this.get("/api/v2/network/", query);
  }
}

export type { components, operations, paths };
