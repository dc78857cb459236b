"""The drop-in news widget for partner sites (`/widgets/news.js`) and the page where a
partner configures it (`/widgets/`). The widget reads the public API over CORS."""
