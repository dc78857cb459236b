/* <network-news>: the network's latest news on any page. No dependencies, no cookies.
   <script src="https://HUB/widgets/news.js" defer></script>
   <network-news project="passenger" limit="5" events="3"></network-news>
   Attributes: project | category | tag (one scope), limit (1-20, default 5),
   events (upcoming events to add, 0-10), lang (dates; default the page's language),
   heading (text), api (the hub; default where this script came from),
   river (present: the hub's stories and its partners' news together, each naming its
   source; the tag scope does not apply).
   Style from outside with --network-news-* custom properties and ::part(). */
(() => {
  const SCRIPT = document.currentScript;
  const HUB = SCRIPT ? new URL(SCRIPT.src).origin : location.origin;
  const STYLE = `
:host{display:block;font:var(--network-news-font,inherit);color:var(--network-news-color,inherit)}
ul{list-style:none;margin:0;padding:0;display:grid;gap:var(--network-news-gap,1rem)}
li{border:var(--network-news-border,1px solid #dde2ea);border-radius:var(--network-news-radius,.5rem);padding:var(--network-news-padding,.75rem)}
h2{font-size:var(--network-news-heading-size,1.25rem);margin:0 0 .75rem}
h3{font-size:var(--network-news-title-size,1.05rem);margin:.25rem 0}
a{color:var(--network-news-accent,#0b5cad)}
img{display:block;max-width:100%;height:auto;border-radius:.25rem}
time,.status{color:var(--network-news-muted,#5a6272);font-size:.9em}
p{margin:.25rem 0}`;

  const el = (tag, part, text) => {
    const node = document.createElement(tag);
    if (part) node.setAttribute("part", part);
    if (text != null) node.textContent = text;
    return node;
  };

  class NetworkNews extends HTMLElement {
    static get observedAttributes() {
      return ["project", "category", "tag", "limit", "events", "lang", "heading", "api", "river"];
    }

    connectedCallback() { this.schedule(); }

    attributeChangedCallback() { if (this.isConnected) this.schedule(); }

    schedule() {
      // Attributes arrive one by one (at upgrade, from a configurator): load once after.
      if (this.pending) return;
      this.pending = true;
      queueMicrotask(() => { this.pending = false; this.load(); });
    }

    get hub() { return (this.getAttribute("api") || HUB).replace(/\/+$/, ""); }

    query(type, limit, fields, extra) {
      const params = new URLSearchParams({ type, limit, fields, ...extra });
      return `${this.hub}/api/v2/pages/?${this.scoped(params, ["project", "category", "tag"])}`;
    }

    riverQuery(limit) {
      const params = new URLSearchParams({ limit });
      return `${this.hub}/api/v2/network/?${this.scoped(params, ["project", "category"])}`;
    }

    scoped(params, scopes) {
      for (const scope of scopes) {
        const value = this.getAttribute(scope);
        if (value) params.set(scope, value);
      }
      return params;
    }

    async fetchJSON(url) {
      const response = await fetch(url, { credentials: "omit", mode: "cors" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    }

    async load() {
      const root = this.shadowRoot || this.attachShadow({ mode: "open" });
      const ticket = (this.ticket = {});
      const clamp = (value, low, high, fallback) => {
        const number = parseInt(value, 10);
        return Number.isFinite(number) ? Math.min(high, Math.max(low, number)) : fallback;
      };
      const limit = clamp(this.getAttribute("limit"), 1, 20, 5);
      const events = clamp(this.getAttribute("events"), 0, 10, 0);
      try {
        const river = this.hasAttribute("river");
        const [news, upcoming] = await Promise.all([
          river ? this.fetchJSON(this.riverQuery(limit)).then((r) => ({ items: r.items.map(
            (e) => ({ ...e, meta: { html_url: e.url }, date: e.published,
                      from: e.type === "network.NetworkItem" ? e.source.name : "" })) }))
            : this.fetchJSON(this.query("news.NewsPage", limit, "title,date,summary,hero_image", {})),
          events ? this.fetchJSON(this.query("events.EventPage", events,
            "title,start,all_day,time_zone,status", { upcoming: "true" })) : { items: [] },
        ]);
        if (ticket === this.ticket) this.show(root, news.items, upcoming.items);
      } catch (error) {
        if (ticket === this.ticket) this.fallback(root);
      }
    }

    language() {
      return this.getAttribute("lang") || document.documentElement.lang || navigator.language;
    }

    date(value, withTime, zone) {
      const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
      const options = withTime
        ? { dateStyle: "long", timeStyle: "short", timeZone: zone }
        : { dateStyle: "long", timeZone: value.length === 10 ? "UTC" : zone };
      try {
        return new Intl.DateTimeFormat(this.language(), options).format(date);
      } catch (error) {
        return value;
      }
    }

    show(root, news, events) {
      const section = el("section", "container");
      const heading = el("h2", "heading", this.getAttribute("heading") || "News from the network");
      heading.id = "network-news-heading";
      section.setAttribute("aria-labelledby", heading.id);
      section.append(heading);
      const list = el("ul", "list");
      for (const story of news) {
        const item = el("li", "item");
        const article = el("article");
        const title = el("h3", "title");
        const link = el("a", "link", story.title);
        if (/^https?:\/\//i.test(story.meta.html_url)) link.href = story.meta.html_url;
        title.append(link);
        const time = el("time", "date", this.date(story.date.slice(0, 10), false));
        time.dateTime = story.date;
        article.append(title, time);
        if (story.from) article.append(el("p", "source", `from ${story.from}`));
        const image = story.hero_image && story.hero_image.renditions.card;
        if (image) {
          const img = el("img", "image");
          Object.assign(img, { src: image.url, width: image.width, height: image.height,
            alt: story.hero_image.alt || "", loading: "lazy" });
          article.append(img);
        }
        if (story.summary) article.append(el("p", "summary", story.summary));
        item.append(article);
        list.append(item);
      }
      if (!news.length) list.append(el("li", "item", "No news yet."));
      section.append(list);
      if (events.length) {
        const title = el("h2", "heading", "Coming up");
        const eventList = el("ul", "list events");
        for (const event of events) {
          const item = el("li", "item");
          const name = el("h3", "title");
          const link = el("a", "link", event.title);
          link.href = event.meta.html_url;
          name.append(link);
          const time = el("time", "date", this.date(event.start, !event.all_day, event.time_zone));
          time.dateTime = event.start;
          item.append(name, time);
          if (event.status !== "scheduled") item.append(el("p", "status", event.status));
          eventList.append(item);
        }
        section.append(title, eventList);
      }
      const more = el("p", "more");
      const all = el("a", "link", "All news");
      all.href = `${this.hub}/network/` + this.scopeQuery();
      more.append(all);
      section.append(more);
      this.paint(root, section);
    }

    scopeQuery() {
      const project = this.getAttribute("project");
      return project ? `?project=${encodeURIComponent(project)}` : "";
    }

    fallback(root) {
      const note = el("p", "fallback");
      const link = el("a", "link", "News from the network");
      link.href = `${this.hub}/network/` + this.scopeQuery();
      note.append(link);
      this.paint(root, note);
    }

    paint(root, content) {
      const style = el("style");
      style.textContent = STYLE;
      root.replaceChildren(style, content);
    }
  }

  if (!customElements.get("network-news")) customElements.define("network-news", NetworkNews);
})();
