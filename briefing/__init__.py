"""Turn a folder of news articles into a sourced PDF briefing."""

__version__ = "0.1.0"
