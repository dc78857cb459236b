// The latest five news of one partner project, with their dates and links.
// Run it against a running site with `make client-example` (NEWS_API_URL=… for another).
import { NetworkApi } from "./src/client.js";

declare const process: { env: Record<string, string | undefined> };
const api = new NetworkApi(process.env.NEWS_API_URL ?? "http://127.0.0.1:8000");
const latest = await api.pages({ type: "news.NewsPage", project: "passenger", limit: 5,
                                 fields: "title,date,summary" });
for (const story of latest.items) {
  const news = story as import("./src/client").NewsPage;
  console.log(`${news.date}  ${news.title}  ${news.meta.html_url}`);
}
