"""The network river: partner projects' feeds fetched by the worker, stored as items,
and shown with the hub's own news as one stream."""
