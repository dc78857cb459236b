# ruff: noqa: E501  (fixture documents, kept as partner sites serve them)
"""Partner feeds as partner sites serve them: valid, broken and hostile."""

import json

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>PERMANET news</title>
  <link>https://permanet.example.org/</link>
  <description>News of PERMANET</description>
  <item>
    <title>Pilot line opens</title>
    <link>https://permanet.example.org/news/pilot-line</link>
    <guid isPermaLink="false">permanet-1</guid>
    <pubDate>Tue, 10 Nov 2026 09:00:00 +0100</pubDate>
    <description>&lt;p&gt;The &lt;b&gt;pilot line&lt;/b&gt; opened.&lt;/p&gt;&lt;img src="/img/line.jpg"&gt;</description>
    <category>Recycling</category>
    <media:thumbnail url="https://permanet.example.org/img/line-small.jpg"/>
  </item>
  <item>
    <title>Workshop report</title>
    <link>https://permanet.example.org/news/workshop</link>
    <guid isPermaLink="false">permanet-2</guid>
    <pubDate>Mon, 02 Nov 2026 12:00:00 +0000</pubDate>
    <description>Report from the workshop.</description>
  </item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>PASSENGER</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-11-12T10:00:00Z</updated>
  <link href="https://passenger.example.org/"/>
  <entry>
    <title>Final results published</title>
    <id>tag:passenger.example.org,2026:results</id>
    <link href="https://passenger.example.org/results"/>
    <published>2026-11-12T10:00:00+01:00</published>
    <updated>2026-11-12T11:00:00+01:00</updated>
    <summary>Results of three years.</summary>
    <content type="html">&lt;p&gt;All the &lt;a href="deliverables"&gt;deliverables&lt;/a&gt;.&lt;/p&gt;</content>
    <category term="Research"/>
  </entry>
</feed>"""


def json_feed(items: list[dict] | None = None) -> bytes:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "REMHub",
        "home_page_url": "https://remhub.example.org/",
        "items": items if items is not None else [{
            "id": "remhub-7",
            "url": "https://remhub.example.org/posts/7",
            "title": "Hub meeting",
            "content_html": "<p>We met.</p>",
            "date_published": "2026-11-05T08:00:00Z",
            "tags": ["Clustering"],
            "image": "https://remhub.example.org/7.png",
        }],
    }).encode()  # fmt: skip


def rss_with(*items: str, title: str = "Partner") -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://partner.example.org/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def rss_item(
    title: str,
    *,
    guid: str | None = None,
    link: str = "https://partner.example.org/a",
    date: str | None = "Tue, 10 Nov 2026 09:00:00 +0000",
    description: str = "",
) -> str:
    parts = [f"<title>{title}</title>", f"<link>{link}</link>"]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    parts.append(f"<description>{description}</description>")
    return "<item>" + "".join(parts) + "</item>"


HOSTILE = rss_with(rss_item(
    "Hostile &lt;script&gt;alert(1)&lt;/script&gt;", guid="h1",
    link="https://partner.example.org/news/h",
    description=(
        "&lt;p onclick=\"steal()\"&gt;Hi&lt;script&gt;alert(1)&lt;/script&gt;"
        "&lt;a href=\"javascript:alert(2)\"&gt;click&lt;/a&gt;"
        "&lt;a href=\"more\"&gt;more&lt;/a&gt;"
        "&lt;img src=\"x.png\" onerror=\"steal()\"&gt;&lt;/p&gt;"
    ),
))  # fmt: skip

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>
<link>https://partner.example.org/x</link></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&secret;</title>
<link>https://partner.example.org/x</link></item></channel></rss>"""

BROKEN = b"<?xml version='1.0'?><rss><channel><title>Broken</title><item><title>Oops"
