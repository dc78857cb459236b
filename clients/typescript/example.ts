// The latest five news of one partner project, with their dates and links.
import { NetworkApi } from "./src/client";

const api = new NetworkApi("https://news.example.eu");
const latest = await api.pages({ type: "news.NewsPage", project: "passenger", limit: 5,
                                 fields: "title,date,summary" });
for (const story of latest.items) {
  const news = story as import("./src/client").NewsPage;
  console.log(`${news.date}  ${news.title}  ${news.meta.html_url}`);
}
