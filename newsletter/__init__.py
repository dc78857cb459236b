"""The newsletter: double opt-in subscriptions and digests built from the published news
and events, sent by the background worker."""
