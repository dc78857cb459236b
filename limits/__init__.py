"""Who is asking and how often: the client's address and rate limits, for every floor.

A bottom floor: lockouts (cms), the newsletter's subscribe form and its API all count
requests the same way, so this imports nothing of ours but the worker's clock (to prune
old counters).
"""
