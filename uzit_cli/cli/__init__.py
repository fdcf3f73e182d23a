"""The command line: the app, its launch, option groups, completion and the Typer fence."""
