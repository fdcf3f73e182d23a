"""The registry over time: snapshots from files and git, diffs, history, the trend."""
