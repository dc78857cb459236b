"""A job that does nothing, so the bench can measure the worker itself."""

from django_tasks import task


@task()
def noop(n: int) -> int:
    return n
