"""Memory a process no longer uses, given back to the system after a load.

Loading inputs parses CSV files into temporary frames (pandas' string columns live in Arrow's memory
pool, the rest on the C heap); both allocators keep freed pages for reuse, so a worker that loaded the
city inputs once holds about 100 MB it will never use again. :func:`release` returns them: a sweep's
workers then stay near their working set, however many points they compute.
"""

from __future__ import annotations

import ctypes
import gc
import sys

import pyarrow as pa


def release() -> None:
    """Collect garbage, then return freed pages of Arrow's pool and (on glibc) of the C heap to the system."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl): nothing to trim
            pass
