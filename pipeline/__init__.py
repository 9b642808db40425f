"""incident-brief: a folder of articles about one incident -> one brief whose every sentence cites its sources."""

__version__ = "0.1.0"
