"""uzit: Japanese-capital residents of IT Park Uzbekistan, from a YAML registry."""

__version__ = "0.1.0"
