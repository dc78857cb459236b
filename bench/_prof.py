import cProfile, pstats, sys, time, django
django.setup()
from django.test import Client
from django.db import connection
from django.test.utils import CaptureQueriesContext
from bench.measure import retire_everything
c = Client(HTTP_HOST="127.0.0.1", secure=True)
path = sys.argv[1]
c.get(path)
best = 1e9
for _ in range(5):
    retire_everything()
    with CaptureQueriesContext(connection) as q:
        t = time.perf_counter(); c.get(path); best = min(best, time.perf_counter() - t)
print("best ms", round(best * 1000, 1), "queries", len(q))
sqltime = 0
for x in q.captured_queries:
    print(x["time"], x["sql"][:300])
retire_everything()
p = cProfile.Profile(); p.enable(); c.get(path); p.disable()
s = pstats.Stats(p).sort_stats(sys.argv[2] if len(sys.argv) > 2 else "tottime"); s.print_stats(*([sys.argv[3], int(sys.argv[4])] if len(sys.argv) > 3 else [30]))
