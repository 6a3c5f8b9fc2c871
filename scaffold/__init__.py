"""scaffold: choose between Django and Flask, then generate a starter project that ships."""

__version__ = "0.1.0"
