"""briefgen's version, in a module of its own: every part can name it without loading the package's API."""

__version__ = "0.2.0"
