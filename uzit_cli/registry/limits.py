"""The bounds of a registry file, in one place: what the loader refuses past them and why."""

from __future__ import annotations

MAX_FILE_BYTES = 64 * 2**20  # 100,000 detailed residents take about 40 MB
LONG_LINE_BYTES = 2**20  # lines this long are no registry; refused before YAML buffers them
MAX_NAME_LENGTH = 200
MAX_ID_LENGTH = 64
MAX_PROBLEMS = 1000  # then stop: past that, the file is likely not a registry at all
# The largest count or amount a registry holds (a quadrillion): far above any real figure, and
# small enough that sums over every resident stay exact, and means and projections finite.
MAX_NUMBER = 10**15
