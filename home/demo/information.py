"""The demo's legal notice, privacy notice and accessibility statement: sensible drafts
for a network hub to adapt (names and addresses in brackets are theirs to fill in)."""

PAGES = (
    (
        "legal_notice_page",
        "Legal notice",
        "legal-notice",
        "<h2>Publisher</h2>"
        "<p>This site is published by the Permanent Magnets Network, on behalf of its partner "
        "projects. [Name of the coordinating organisation, postal address, registration "
        "number.]</p>"
        "<h2>Contact</h2>"
        "<p>[Communication officer's name], [e-mail address]. Each story names the project "
        "that wrote it; its own website gives its own contacts.</p>"
        "<h2>Responsibility for content</h2>"
        "<p>Views and opinions expressed are those of the authors only and do not necessarily "
        "reflect those of the European Union. Links to partner sites lead to content for "
        "which their publishers are responsible.</p>",
    ),
    (
        "privacy_notice_page",
        "Privacy notice",
        "privacy-notice",
        "<h2>What we keep</h2>"
        "<p>Reading this site, its feeds, calendars and API needs no account and sets no "
        "cookies. Our servers keep technical logs (address, time, page) for up to 14 days "
        "to keep the service running and safe.</p>"
        "<h2>What we count</h2>"
        "<p>To report to the European Commission how far the projects' news reaches, we "
        "count how often each page, feed, calendar, API address and the widget are read, "
        "per day. We count reads, never people: no cookie is set, and no address, browser "
        "description or fingerprint is stored with a count. Feeds are also counted by how many "
        "distinct programs fetch them a day, estimated from a code that changes every day "
        "and is thrown away after two. Search engines' robots are left out, and so is "
        "anyone whose browser asks not to be tracked (Do Not Track or Global Privacy "
        "Control). Reports show figures under 5 as \u201c&lt; 5\u201d.</p>"
        "<h2>The newsletter</h2>"
        "<p>If you subscribe, we keep your e-mail address and the topics you chose, only to "
        "send the newsletter. We mail a confirmation link first and send nothing until you "
        "confirm. Every newsletter has an unsubscribe link; unsubscribing stops every mail, "
        "and you can ask us to erase your address at any time: it is then removed from our "
        "database, its logs and records included.</p>"
        "<h2>Your rights</h2>"
        "<p>Under the GDPR you may ask to see, correct or erase what we keep about you, and "
        "complain to your data protection authority. Write to [data protection contact].</p>",
    ),
    (
        "accessibility_statement_page",
        "Accessibility statement",
        "accessibility",
        "<h2>Our aim</h2>"
        "<p>We want everyone to be able to read this site. It is built to meet the Web "
        "Content Accessibility Guidelines (WCAG) 2.1 at level AA, as the EU Web "
        "Accessibility Directive (2016/2102) and EN 301 549 expect.</p>"
        "<h2>How accessible it is</h2>"
        "<p>The site is partially compliant: its pages are checked automatically for serious "
        "barriers at desktop and phone widths, and work with a keyboard alone. Some content "
        "from partner projects (documents, embedded videos) may not be fully accessible.</p>"
        "<h2>Feedback</h2>"
        "<p>If something stops you from reading or using the site, tell us at [e-mail "
        "address]; we answer within 10 working days. If our answer does not satisfy you, "
        "you may turn to [the national enforcement body].</p>",
    ),
)
