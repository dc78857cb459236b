"""Archives as old sites give them, pointing at a local server for their images."""

# ruff: noqa: E501 - archives as the old sites write them, one element per line

import io

from PIL import Image as PILImage


def picture(colour=(180, 60, 30), size=(640, 400), kind="PNG") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format=kind)
    return buffer.getvalue()


GUTENBERG_POST = """<!-- wp:heading -->
<h2 class="wp-block-heading">A clustering session in Brussels</h2>
<!-- /wp:heading -->
<!-- wp:paragraph -->
<p>The <strong>PERMANET</strong> team met <a href="/partners/">four sister projects</a>.<br>Thirty people came.</p>
<!-- /wp:paragraph -->
<!-- wp:image {{"id":21}} -->
<figure class="wp-block-image size-large"><img src="{base}/wp-content/uploads/sintered.png" alt="Sintered magnets on a tray" class="wp-image-21"/><figcaption class="wp-element-caption">Magnets after sintering</figcaption></figure>
<!-- /wp:image -->
<!-- wp:heading {{"level":3}} -->
<h3 class="wp-block-heading">What was agreed</h3>
<!-- /wp:heading -->
<ul><li>A shared test protocol</li><li>Joint <em>dissemination</em></li></ul>
<blockquote class="wp-block-quote"><p>No single project can close the gap.</p><cite>The coordinator</cite></blockquote>
<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=dQw4w9WgXcQ
</div></figure>
<p>Hostile: <a href="javascript:alert(1)">a trap</a><script>alert("imported")</script><img src="{base}/missing.png" onerror="alert(2)"></p>
<p style="color:red"><span style="font-family:Comic Sans MS">Styled words</span> stay words.</p>"""

CLASSIC_POST = """The PERMANET and PASSENGER projects publish a joint report on magnet recycling. It covers collection, separation and reuse.

A second paragraph
with a line break."""


def wxr(base: str, *, first_title: str = "Clustering session on magnet recycling") -> bytes:
    """A WordPress export: two posts, a page, attachments, a post without an address."""
    gutenberg = GUTENBERG_POST.format(base=base)
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
    xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>PERMANET</title><link>https://old.permanet.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <item>
    <title>{first_title}</title>
    <link>https://old.permanet.example/2025/03/clustering-session/</link>
    <pubDate>Wed, 12 Mar 2025 09:00:00 +0000</pubDate>
    <guid isPermaLink="false">https://old.permanet.example/?p=10</guid>
    <content:encoded><![CDATA[{gutenberg}]]></content:encoded>
    <excerpt:encoded><![CDATA[Four projects agreed on a shared test protocol.]]></excerpt:encoded>
    <wp:post_id>10</wp:post_id>
    <wp:post_date_gmt>2025-03-12 09:00:00</wp:post_date_gmt>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <category domain="category" nicename="events"><![CDATA[Events]]></category>
    <category domain="category" nicename="recycling"><![CDATA[Recycling]]></category>
    <category domain="post_tag" nicename="magnets"><![CDATA[magnets]]></category>
    <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>20</wp:meta_value></wp:postmeta>
  </item>
  <item>
    <title>Joint report on recycling &amp; reuse</title>
    <link>https://old.permanet.example/2024/11/joint-report/</link>
    <guid isPermaLink="false">https://old.permanet.example/?p=11</guid>
    <content:encoded><![CDATA[{CLASSIC_POST}]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>11</wp:post_id>
    <wp:post_date_gmt>2024-11-05 14:30:00</wp:post_date_gmt>
    <wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>A post that lost its address</title>
    <content:encoded><![CDATA[<p>Text.</p>]]></content:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>About us</title><link>https://old.permanet.example/about/</link>
    <content:encoded><![CDATA[<p>A page, not a story.</p>]]></content:encoded>
    <wp:post_id>13</wp:post_id><wp:post_type>page</wp:post_type>
  </item>
  <item>
    <title>hero</title>
    <wp:post_id>20</wp:post_id><wp:post_type>attachment</wp:post_type>
    <wp:attachment_url>{base}/wp-content/uploads/hero.png</wp:attachment_url>
    <excerpt:encoded><![CDATA[The pilot line in Leuven]]></excerpt:encoded>
    <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>A furnace glowing orange</wp:meta_value></wp:postmeta>
  </item>
  <item>
    <title>sintered</title>
    <wp:post_id>21</wp:post_id><wp:post_type>attachment</wp:post_type>
    <wp:attachment_url>{base}/wp-content/uploads/sintered.png</wp:attachment_url>
  </item>
</channel>
</rss>""".encode()


def atom_feed(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <title>PASSENGER news</title><id>urn:passenger:news</id><updated>2025-10-30T10:00:00Z</updated>
  <link href="{base}/news/"/>
  <entry>
    <title>PASSENGER final conference</title>
    <id>urn:passenger:final</id>
    <link href="{base}/news/final-conference/"/>
    <published>2025-10-30T10:00:00Z</published><updated>2025-10-30T10:00:00Z</updated>
    <summary>The project closes with a conference in Madrid.</summary>
    <category term="Events"/>
    <media:content url="{base}/images/madrid.jpg" medium="image"/>
    <content type="html">&lt;h2&gt;Programme&lt;/h2&gt;&lt;p&gt;Two days of &lt;b&gt;results&lt;/b&gt;.&lt;/p&gt;&lt;img src="/images/hall.jpg" alt="The conference hall"&gt;</content>
  </entry>
</feed>""".encode()


ARTICLE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>REMHub opens its testing hall | REMHub</title>
<meta property="og:title" content="REMHub opens its testing hall">
<meta name="description" content="A hall for testing recycled magnets opens in Delft.">
<meta property="article:published_time" content="2025-06-02T08:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/contact/">Contact us today</a></nav>
<div class="cookie-banner">We use cookies on this website to improve your experience.</div></header>
<main><article>
<h1>REMHub opens its testing hall</h1>
<p>The REMHub project opened a hall where partners test recycled magnets under real conditions. It was built in eighteen months with support from four universities and two companies.</p>
<h2>Equipment</h2>
<p>The hall holds a hysteresigraph, a climate chamber and a demagnetisation rig, all available to partner projects on request through the booking system.</p>
<ul><li>Hysteresigraph for loops up to 2 T</li><li>Climate chamber from -40 to 180 degrees</li></ul>
<h2>How to book</h2>
<p>Partner projects book a slot by mail and send their samples two weeks ahead, with a short description of the alloy and the tests they need.</p>
</article></main>
<footer><p>Footer links: Imprint, Privacy, Accessibility. Copyright REMHub consortium.</p></footer>
</body></html>"""
